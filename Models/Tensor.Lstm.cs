using System.Numerics.Tensors;
using RlFramework.Models.Kernels;

namespace RlFramework.Models;

public partial class Tensor
{
    /// <summary>
    /// Fused LSTM cell (gate order i, f, g, o as PyTorch). Returns [2, B, H]: index 0 is h', index 1 is c'.
    /// </summary>
    internal static unsafe Tensor LstmCell(Tensor x, Tensor h, Tensor c, Tensor wih, Tensor whh, Tensor? bih, Tensor? bhh)
    {
        int hs = whh._shape[1];
        int inF = wih._shape[1];
        if (wih._shape[0] != 4 * hs || whh._shape[0] != 4 * hs)
            throw new ArgumentException($"lstm_cell: weight shapes {wih.ShapeStr} and {whh.ShapeStr} do not match hidden size {hs}");
        if (x._shape.Length != 2 || x._shape[1] != inF)
            throw new ArgumentException($"lstm_cell: input shape {x.ShapeStr} does not match weight_ih shape {wih.ShapeStr} (expected [batch, {inF}])");
        int bs = x._shape[0];
        if (h._shape.Length != 2 || h._shape[0] != bs || h._shape[1] != hs || !c._shape.AsSpan().SequenceEqual(h._shape))
            throw new ArgumentException($"lstm_cell: state shapes {h.ShapeStr} and {c.ShapeStr} do not match [batch={bs}, hidden={hs}]");
        int g4 = 4 * hs;
        var gates = BufferPool.Rent(bs * g4, false);
        var tanhC = BufferPool.Rent(bs * hs, false);
        // gates = b_ih + b_hh (broadcast over rows), then += x·W_ihᵀ + h·W_hhᵀ.
        if (bih is not null || bhh is not null)
        {
            var row0 = gates.AsSpan(0, g4);
            if (bih is not null && bhh is not null) TensorPrimitives.Add(bih.Span, bhh.Span, row0);
            else (bih ?? bhh)!.Span.CopyTo(row0);
            for (int n = 1; n < bs; n++) row0.CopyTo(gates.AsSpan(n * g4, g4));
        }
        else
        {
            gates.AsSpan(0, bs * g4).Clear();
        }

        Gemm.Mul(bs, g4, inF, x.Span, inF, false, wih.Span, inF, true, gates, g4, true);
        Gemm.Mul(bs, g4, hs, h.Span, hs, false, whh.Span, hs, true, gates, g4, true);
        var r = Empty([2, bs, hs]);
        var hOut = r.Span[..(bs * hs)];
        var cOut = r.Span[(bs * hs)..];
        var cIn = c.Span;
        for (int n = 0; n < bs; n++)
        {
            var gr = gates.AsSpan(n * g4, g4);
            TensorPrimitives.Sigmoid(gr[..(2 * hs)], gr[..(2 * hs)]);
            TensorPrimitives.Tanh(gr.Slice(2 * hs, hs), gr.Slice(2 * hs, hs));
            TensorPrimitives.Sigmoid(gr.Slice(3 * hs, hs), gr.Slice(3 * hs, hs));
            var cRow = cOut.Slice(n * hs, hs);
            var tRow = tanhC.AsSpan(n * hs, hs);
            TensorPrimitives.Multiply(gr.Slice(hs, hs), cIn.Slice(n * hs, hs), cRow);               // f·c
            TensorPrimitives.FusedMultiplyAdd(gr[..hs], gr.Slice(2 * hs, hs), cRow, cRow);          // + i·g
            TensorPrimitives.Tanh(cRow, tRow);
            TensorPrimitives.Multiply(gr.Slice(3 * hs, hs), tRow, hOut.Slice(n * hs, hs));          // h' = o·tanh(c')
        }
        bool track = (x.NeedsGrad || h.NeedsGrad || c.NeedsGrad || wih.NeedsGrad || whh.NeedsGrad || bih is { NeedsGrad: true } || bhh is { NeedsGrad: true }) && Autograd.GradMode.Enabled;
        if (!track) { BufferPool.Return(gates); BufferPool.Return(tanhC); return r.Checked("lstm_cell"); }
        bool hasBias = bih is not null && bhh is not null;
        var node = r.RecordFast("lstm_cell", &LstmCellBackward, hasBias ? 7 : 5);
        node.SetInput(0, x); node.SetInput(1, h); node.SetInput(2, c); node.SetInput(3, wih); node.SetInput(4, whh);
        if (hasBias) { node.SetInput(5, bih!); node.SetInput(6, bhh!); }
        node.Buf0 = gates; // returned to the pool when the node is released
        node.Buf1 = tanhC;
        (node.I0, node.I1, node.I2) = (bs, hs, inF);
        return r.Checked("lstm_cell");
    }

    private static void LstmCellBackward(Autograd.GradNode node, float[] g)
    {
        var x = node.Input(0); var h = node.Input(1); var c = node.Input(2); var wih = node.Input(3); var whh = node.Input(4);
        var bih = node.Count > 5 ? node.Input(5) : null;
        var bhh = node.Count > 6 ? node.Input(6) : null;
        var gates = node.Buf0!;
        var tanhC = node.Buf1!;
        int bs = node.I0, hs = node.I1, inF = node.I2, g4 = 4 * hs;
        {
            var dg = BufferPool.Rent(bs * g4, false);
            var cI = c.Span;
            var gc = c.GradSpan();
            for (int n = 0; n < bs; n++)
            {
                var gr = gates.AsSpan(n * g4, g4);
                var d = dg.AsSpan(n * g4, g4);
                for (int j = 0; j < hs; j++)
                {
                    int k = n * hs + j;
                    float i = gr[j], f = gr[hs + j], gg = gr[2 * hs + j], o = gr[3 * hs + j];
                    float tc = tanhC[k];
                    float gh = g[k], gcOut = g[bs * hs + k];
                    float dc = gcOut + gh * o * (1f - tc * tc);
                    d[j] = dc * gg * i * (1f - i);
                    d[hs + j] = dc * cI[k] * f * (1f - f);
                    d[2 * hs + j] = dc * i * (1f - gg * gg);
                    d[3 * hs + j] = gh * tc * o * (1f - o);
                    if (!gc.IsEmpty) gc[k] += dc * f;
                }
            }
            var gx = x.GradSpan();
            if (!gx.IsEmpty) Gemm.Mul(bs, inF, g4, dg, g4, false, wih.Span, inF, false, gx, inF, true);
            var ghp = h.GradSpan();
            if (!ghp.IsEmpty) Gemm.Mul(bs, hs, g4, dg, g4, false, whh.Span, hs, false, ghp, hs, true);
            var gwih = wih.GradSpan();
            if (!gwih.IsEmpty) Gemm.Mul(g4, inF, bs, dg, g4, true, x.Span, inF, false, gwih, inF, true);
            var gwhh = whh.GradSpan();
            if (!gwhh.IsEmpty) Gemm.Mul(g4, hs, bs, dg, g4, true, h.Span, hs, false, gwhh, hs, true);
            var gb1 = bih is null ? default : bih.GradSpan();
            var gb2 = bhh is null ? default : bhh.GradSpan();
            for (int n = 0; n < bs; n++)
            {
                var d = dg.AsSpan(n * g4, g4);
                if (!gb1.IsEmpty) TensorPrimitives.Add(gb1, d, gb1);
                if (!gb2.IsEmpty) TensorPrimitives.Add(gb2, d, gb2);
            }
            BufferPool.Return(dg);
        }
    }
}
