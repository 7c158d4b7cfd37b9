using System.Numerics.Tensors;
using RlFramework.Models.Kernels;

namespace RlFramework.Models;

public partial class Tensor
{
    /// <summary>
    /// Fused LSTM cell (gate order i, f, g, o as PyTorch). Returns [2, B, H]: index 0 is h', index 1 is c'.
    /// </summary>
    internal static Tensor LstmCell(Tensor x, Tensor h, Tensor c, Tensor wih, Tensor whh, Tensor? bih, Tensor? bhh)
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
        Gemm.Mul(bs, g4, inF, x.Span, inF, false, wih.Span, inF, true, gates, g4, false);
        Gemm.Mul(bs, g4, hs, h.Span, hs, false, whh.Span, hs, true, gates, g4, true);
        var r = Empty([2, bs, hs]);
        var hOut = r.Span[..(bs * hs)];
        var cOut = r.Span[(bs * hs)..];
        var cIn = c.Span;
        var b1 = bih is null ? default : bih.Span;
        var b2 = bhh is null ? default : bhh.Span;
        for (int n = 0; n < bs; n++)
        {
            var gr = gates.AsSpan(n * g4, g4);
            if (!b1.IsEmpty) TensorPrimitives.Add(gr, b1, gr);
            if (!b2.IsEmpty) TensorPrimitives.Add(gr, b2, gr);
            TensorPrimitives.Sigmoid(gr[..(2 * hs)], gr[..(2 * hs)]);
            TensorPrimitives.Tanh(gr.Slice(2 * hs, hs), gr.Slice(2 * hs, hs));
            TensorPrimitives.Sigmoid(gr.Slice(3 * hs, hs), gr.Slice(3 * hs, hs));
            for (int j = 0; j < hs; j++)
            {
                float cn = gr[hs + j] * cIn[n * hs + j] + gr[j] * gr[2 * hs + j];
                cOut[n * hs + j] = cn;
                hOut[n * hs + j] = gr[3 * hs + j] * MathF.Tanh(cn);
            }
        }
        bool track = (x.NeedsGrad || h.NeedsGrad || c.NeedsGrad || wih.NeedsGrad || whh.NeedsGrad || bih is { NeedsGrad: true } || bhh is { NeedsGrad: true }) && Autograd.GradMode.Enabled;
        if (!track) { BufferPool.Return(gates); return r.Checked("lstm_cell"); }
        Tensor[] inputs = bih is null || bhh is null ? [x, h, c, wih, whh] : [x, h, c, wih, whh, bih, bhh];
        r.Record("lstm_cell", inputs, g =>
        {
            var dg = BufferPool.Rent(bs * g4, false);
            var cI = c.Span;
            var cO = r.Span[(bs * hs)..];
            var gc = c.GradSpan();
            for (int n = 0; n < bs; n++)
            {
                var gr = gates.AsSpan(n * g4, g4);
                var d = dg.AsSpan(n * g4, g4);
                for (int j = 0; j < hs; j++)
                {
                    int k = n * hs + j;
                    float i = gr[j], f = gr[hs + j], gg = gr[2 * hs + j], o = gr[3 * hs + j];
                    float tc = MathF.Tanh(cO[k]);
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
            BufferPool.Return(gates);
        });
        return r.Checked("lstm_cell");
    }
}
