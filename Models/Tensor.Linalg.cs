using RlFramework.Models.Kernels;

namespace RlFramework.Models;

public partial class Tensor
{
    /// <summary>Matrix product of two 2-D tensors: [n,k]·[k,m] → [n,m].</summary>
    public Tensor mm(Tensor other)
    {
        if (_shape.Length != 2 || other._shape.Length != 2 || _shape[1] != other._shape[0])
            throw new ArgumentException($"mm: shapes {ShapeStr} and {other.ShapeStr} cannot be multiplied");
        int n = _shape[0], k = _shape[1], m = other._shape[1];
        var r = Empty([n, m]);
        Gemm.Mul(n, m, k, Span, k, false, other.Span, m, false, r.Span, m, false);
        if (Tracking(this, other)) RecordMm(this, other, r, n, k, m);
        return r.Checked("mm");
    }

    private static void RecordMm(Tensor a, Tensor b, Tensor r, int n, int k, int m)
    {
        r.Record("mm", [a, b], g =>
        {
            var ga = a.GradSpan();
            if (!ga.IsEmpty) Gemm.Mul(n, k, m, g, m, false, b.Span, m, true, ga, k, true); // g·Bᵀ
            var gb = b.GradSpan();
            if (!gb.IsEmpty) Gemm.Mul(k, m, n, a.Span, k, true, g, m, false, gb, m, true); // Aᵀ·g
        });
    }

    /// <summary>Batched matrix product: [b,n,k]·[b,k,m] → [b,n,m].</summary>
    public Tensor bmm(Tensor other)
    {
        if (_shape.Length != 3 || other._shape.Length != 3 || _shape[0] != other._shape[0] || _shape[2] != other._shape[1])
            throw new ArgumentException($"bmm: shapes {ShapeStr} and {other.ShapeStr} cannot be multiplied");
        int bs = _shape[0], n = _shape[1], k = _shape[2], m = other._shape[2];
        var r = Empty([bs, n, m]);
        var x = Span; var y = other.Span; var z = r.Span;
        for (int i = 0; i < bs; i++)
            Gemm.Mul(n, m, k, x.Slice(i * n * k, n * k), k, false, y.Slice(i * k * m, k * m), m, false, z.Slice(i * n * m, n * m), m, false);
        if (Tracking(this, other))
        {
            var a = this; var b = other;
            r.Record("bmm", [a, b], g =>
            {
                var ga = a.GradSpan();
                var gb = b.GradSpan();
                for (int i = 0; i < bs; i++)
                {
                    var gi = g.AsSpan(i * n * m, n * m);
                    if (!ga.IsEmpty) Gemm.Mul(n, k, m, gi, m, false, b.Span.Slice(i * k * m, k * m), m, true, ga.Slice(i * n * k, n * k), k, true);
                    if (!gb.IsEmpty) Gemm.Mul(k, m, n, a.Span.Slice(i * n * k, n * k), k, true, gi, m, false, gb.Slice(i * k * m, k * m), m, true);
                }
            });
        }
        return r.Checked("bmm");
    }

    /// <summary>PyTorch matmul: dot (1-D·1-D), mm, vector-matrix, and batched products with broadcast batch dimensions.</summary>
    public Tensor matmul(Tensor other)
    {
        int ra = _shape.Length, rb = other._shape.Length;
        if (ra == 0 || rb == 0) throw new ArgumentException($"matmul: both arguments need at least 1 dimension, got shapes {ShapeStr} and {other.ShapeStr}");
        if (ra == 1 && rb == 1)
        {
            if (_shape[0] != other._shape[0]) throw new ArgumentException($"matmul: shapes {ShapeStr} and {other.ShapeStr} cannot be multiplied");
            return unsqueeze(0).mm(other.unsqueeze(1)).reshape();
        }
        if (ra == 1) return unsqueeze(0).matmul(other).squeeze(-2);
        if (rb == 1) return matmul(other.unsqueeze(1)).squeeze(-1);
        if (ra == 2 && rb == 2) return mm(other);
        int k = _shape[^1];
        if (other._shape[^2] != k) throw new ArgumentException($"matmul: shapes {ShapeStr} and {other.ShapeStr} cannot be multiplied");
        if (rb == 2)
        {
            var outShape = (long[])shape.Clone();
            outShape[^1] = other._shape[1];
            return reshape(-1, k).mm(other).reshape(outShape);
        }
        var ba = _shape.AsSpan(0, ra - 2);
        var bb = other._shape.AsSpan(0, rb - 2);
        if (ra == 2)
        {
            var expanded = unsqueeze(0).expand_batch(bb);
            return expanded.matmul(other);
        }
        if (!ba.SequenceEqual(bb))
        {
            // Broadcast the batch dimensions (differentiably, through a broadcasting add onto zeros).
            var bshape = BroadcastShape(ba.ToArray(), bb.ToArray(), "matmul");
            return BroadcastBatch(bshape).matmul(other.BroadcastBatch(bshape));
        }
        int batch = Numel(ba);
        int n = _shape[^2], m = other._shape[^1];
        var res = reshape(batch, n, k).bmm(other.reshape(batch, k, m));
        var os = new long[ra];
        for (int i = 0; i < ra - 2; i++) os[i] = _shape[i];
        os[^2] = n; os[^1] = m;
        return res.reshape(os);
    }

    // This [..., r, c] tensor broadcast to [batch..., r, c].
    private Tensor BroadcastBatch(int[] batch)
    {
        var s = new int[batch.Length + 2];
        batch.CopyTo(s, 0);
        s[^2] = _shape[^2]; s[^1] = _shape[^1];
        if (s.AsSpan().SequenceEqual(_shape)) return this;
        return Empty(s, clear: true).add(this);
    }

    // Repeats a [1, n, k] tensor over the given batch dims (through broadcasting add, so it is differentiable).
    private Tensor expand_batch(ReadOnlySpan<int> batch)
    {
        var s = new int[batch.Length + 2];
        batch.CopyTo(s);
        s[^2] = _shape[^2]; s[^1] = _shape[^1];
        var zeros = Empty(s, clear: true);
        return zeros.add(squeeze(0));
    }

    /// <summary>Fused y = x·Wᵀ + b over the last dimension of x (W is [out, in], b is [out] or null), followed by
    /// max(y, 0) in the same pass when <paramref name="relu"/> (a Linear and ReLU pair; same values as the two ops).</summary>
    internal static Tensor Linear(Tensor x, Tensor w, Tensor? b, bool relu = false)
    {
        if (w._shape.Length != 2) throw new ArgumentException($"linear: weight must be 2-D, got shape {w.ShapeStr}");
        int inF = w._shape[1], outF = w._shape[0];
        if (x._shape.Length == 0 || x._shape[^1] != inF)
            throw new ArgumentException($"linear: input shape {x.ShapeStr} does not match weight shape {w.ShapeStr} (expected last dimension {inF})");
        if (b is not null && (b._shape.Length != 1 || b._shape[0] != outF))
            throw new ArgumentException($"linear: bias shape {b.ShapeStr} does not match weight shape {w.ShapeStr}");
        int rows = x._numel / inF;
        Span<int> shape = stackalloc int[x._shape.Length];
        x._shape.CopyTo(shape);
        shape[^1] = outF;
        var r = Empty(shape);
        var y = r.Span;
        Gemm.MulAddBias(rows, outF, inF, x.Span, inF, false, w.Span, inF, true, y, outF, b is null ? default : b.Span, relu);
        string name = relu ? "linear_relu" : "linear";
        if ((x.NeedsGrad || w.NeedsGrad || b is { NeedsGrad: true }) && Autograd.GradMode.Enabled) RecordLinear(name, x, w, b, relu, r, rows, inF, outF);
        return r.Checked(name);
    }

    private static unsafe void RecordLinear(string name, Tensor x, Tensor w, Tensor? b, bool relu, Tensor r, int rows, int inF, int outF)
    {
        var node = r.RecordFast(name, &LinearBackward, b is null ? 2 : 3);
        node.SetInput(0, x);
        node.SetInput(1, w);
        if (b is not null) node.SetInput(2, b);
        (node.I0, node.I1, node.I2, node.Kind) = (rows, inF, outF, relu ? 1 : 0);
    }

    private static void LinearBackward(Autograd.GradNode node, float[] gradOutput)
    {
        var x = node.Input(0);
        var w = node.Input(1);
        var b = node.Count > 2 ? node.Input(2) : null;
        int rows = node.I0, inF = node.I1, outF = node.I2;
        float[] g = gradOutput;
        if (node.Kind == 1)
        {
            // Through the fused ReLU first: the gradient passes where the output is positive.
            g = BufferPool.Rent(rows * outF, clear: false);
            Simd.CopyWherePositive(g.AsSpan(0, rows * outF), gradOutput.AsSpan(0, rows * outF), node.Output!.Span);
        }
        {
            var gx = x.GradSpan();
            if (!gx.IsEmpty) Gemm.Mul(rows, inF, outF, g, outF, false, w.Span, inF, false, gx, inF, true); // g·W
            var gw = w.GradSpan();
            if (!gw.IsEmpty) Gemm.Mul(outF, inF, rows, g, outF, true, x.Span, inF, false, gw, inF, true); // gᵀ·x
            if (b is not null)
            {
                var gb = b.GradSpan();
                if (!gb.IsEmpty) Simd.AddRows(gb, g.AsSpan(0, rows * outF));
            }
        }
        if (g != gradOutput) BufferPool.Return(g);
    }
}
