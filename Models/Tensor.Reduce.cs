using System.Numerics.Tensors;

namespace RlFramework.Models;

public partial class Tensor
{
    /// <summary>Splits the shape around <paramref name="dim"/> into (outer, size, inner) counts.</summary>
    internal static (int Outer, int Size, int Inner) SplitAt(ReadOnlySpan<int> shape, int dim)
    {
        int outer = 1, inner = 1;
        for (int i = 0; i < dim; i++) outer *= shape[i];
        for (int i = dim + 1; i < shape.Length; i++) inner *= shape[i];
        return (outer, shape.Length == 0 ? 1 : shape[dim], inner);
    }

    internal static int[] ReducedShape(int[] shape, int dim, bool keepdim)
    {
        if (keepdim) { var s = (int[])shape.Clone(); s[dim] = 1; return s; }
        var r = new int[shape.Length - 1];
        for (int i = 0, j = 0; i < shape.Length; i++) if (i != dim) r[j++] = shape[i];
        return r;
    }

    /// <summary>Sum of all elements (0-dimensional result).</summary>
    public unsafe Tensor sum()
    {
        var r = Empty([]);
        r.Span[0] = TensorPrimitives.Sum(Span);
        if (Tracking(this)) RecordFill("sum", this, r, 1f);
        return r.Checked("sum");
    }

    /// <summary>Mean of all elements (0-dimensional result).</summary>
    public unsafe Tensor mean()
    {
        var r = Empty([]);
        r.Span[0] = TensorPrimitives.Sum(Span) / _numel;
        if (Tracking(this)) RecordFill("mean", this, r, 1f / _numel);
        return r.Checked("mean");
    }

    private static unsafe void RecordFill(string name, Tensor a, Tensor r, float scale)
    {
        var node = r.RecordFast(name, &FillBackward, 1);
        node.SetInput(0, a);
        node.F0 = scale;
    }

    private static void FillBackward(Autograd.GradNode node, float[] g)
    {
        var ga = node.Input(0).GradSpan();
        if (!ga.IsEmpty) TensorPrimitives.Add(ga, g[0] * node.F0, ga);
    }

    /// <summary>Sum along <paramref name="dim"/>.</summary>
    public Tensor sum(int dim, bool keepdim = false) => SumDim(dim, keepdim, false);

    /// <summary>Mean along <paramref name="dim"/>.</summary>
    public Tensor mean(int dim, bool keepdim = false) => SumDim(dim, keepdim, true);

    private Tensor SumDim(int dim, bool keepdim, bool mean)
    {
        string name = mean ? "mean" : "sum";
        int d = NormDim(dim, _shape.Length, name);
        var (outer, size, inner) = SplitAt(_shape, d);
        Span<int> rshape = stackalloc int[keepdim ? _shape.Length : _shape.Length - 1];
        for (int i = 0, j = 0; i < _shape.Length; i++) { if (i != d) rshape[j++] = _shape[i]; else if (keepdim) rshape[j++] = 1; }
        var r = Empty(rshape, clear: true);
        var x = Span;
        var y = r.Span;
        float scale = mean ? 1f / size : 1f;
        for (int o = 0; o < outer; o++)
        {
            if (inner == 1)
            {
                y[o] = TensorPrimitives.Sum(x.Slice(o * size, size));
            }
            else
            {
                var yo = y.Slice(o * inner, inner);
                for (int k = 0; k < size; k++) TensorPrimitives.Add(yo, x.Slice((o * size + k) * inner, inner), yo);
            }
        }
        if (mean) TensorPrimitives.Multiply(y, scale, y);
        if (Tracking(this)) RecordSumDim(name, this, r, outer, size, inner, scale);
        return r.Checked(name);
    }

    private static unsafe void RecordSumDim(string name, Tensor a, Tensor r, int outer, int size, int inner, float scale)
    {
        var node = r.RecordFast(name, &SumDimBackward, 1);
        node.SetInput(0, a);
        (node.I0, node.I1, node.I2, node.F0) = (outer, size, inner, scale);
    }

    private static void SumDimBackward(Autograd.GradNode node, float[] g)
    {
        var a = node.Input(0);
        int outer = node.I0, size = node.I1, inner = node.I2;
        float scale = node.F0;
        {
            var ga = a.GradSpan();
            if (ga.IsEmpty) return;
            for (int o = 0; o < outer; o++)
            {
                var go = g.AsSpan(o * inner, inner);
                for (int k = 0; k < size; k++)
                {
                    var dst = ga.Slice((o * size + k) * inner, inner);
                    TensorPrimitives.MultiplyAdd(go, scale, dst, dst);
                }
            }
        }
    }

    /// <summary>Maximum of all elements (0-dimensional result).</summary>
    public Tensor max()
    {
        var x = Span;
        if (x.Length == 0) throw new InvalidOperationException("max: empty tensor");
        int idx = TensorPrimitives.IndexOfMax(x);
        var r = Empty([]);
        r.Span[0] = x[idx];
        if (Tracking(this))
        {
            var a = this;
            r.Record("max", [a], g => { var ga = a.GradSpan(); if (!ga.IsEmpty) ga[idx] += g[0]; });
        }
        return r.Checked("max");
    }

    /// <summary>Minimum of all elements (0-dimensional result).</summary>
    public Tensor min() => neg().max().neg();

    /// <summary>Maximum along <paramref name="dim"/>: values and their indices (first on ties).</summary>
    public (Tensor values, Tensor indexes) max(int dim, bool keepdim = false)
    {
        int d = NormDim(dim, _shape.Length, "max");
        var (outer, size, inner) = SplitAt(_shape, d);
        if (size == 0) throw new InvalidOperationException($"max: dimension {dim} of shape {ShapeStr} is empty");
        Span<int> shape = stackalloc int[keepdim ? _shape.Length : _shape.Length - 1];
        for (int i = 0, j = 0; i < _shape.Length; i++) { if (i != d) shape[j++] = _shape[i]; else if (keepdim) shape[j++] = 1; }
        var v = Empty(shape);
        var ix = Empty(shape);
        ArgMaxInto(Span, outer, size, inner, v.Span, ix.Span);
        if (Tracking(this)) RecordMaxDim(this, v, ix, outer, size, inner);
        return (v.Checked("max"), ix);
    }

    private static void ArgMaxInto(ReadOnlySpan<float> x, int outer, int size, int inner, Span<float> v, Span<float> ix)
    {
        for (int o = 0; o < outer; o++)
        {
            if (inner == 1)
            {
                var row = x.Slice(o * size, size);
                int k = IndexOfMaxPropagatingNaN(row);
                v[o] = row[k];
                ix[o] = k;
                continue;
            }
            for (int i = 0; i < inner; i++)
            {
                int best = 0;
                float bv = x[o * size * inner + i];
                for (int k = 1; k < size; k++)
                {
                    float c = x[(o * size + k) * inner + i];
                    if (c > bv || float.IsNaN(c) && !float.IsNaN(bv)) { bv = c; best = k; }
                }
                v[o * inner + i] = bv;
                ix[o * inner + i] = best;
            }
        }
    }

    private static int IndexOfMaxPropagatingNaN(ReadOnlySpan<float> row)
    {
        int best = 0;
        float bv = row[0];
        for (int k = 1; k < row.Length; k++)
        {
            float c = row[k];
            if (c > bv || float.IsNaN(c) && !float.IsNaN(bv)) { bv = c; best = k; }
        }
        return best;
    }

    private static unsafe void RecordMaxDim(Tensor a, Tensor v, Tensor ix, int outer, int size, int inner)
    {
        var node = v.RecordFast("max", &MaxDimBackward, 1);
        node.SetInput(0, a);
        // The argmax positions are copied so the node does not depend on the lifetime of the indices tensor.
        var pos = Kernels.BufferPool.Rent(ix._numel, false);
        ix.Span.CopyTo(pos);
        node.Buf0 = pos;
        (node.I0, node.I1, node.I2) = (outer, size, inner);
    }

    private static void MaxDimBackward(Autograd.GradNode node, float[] g)
    {
        var ga = node.Input(0).GradSpan();
        if (ga.IsEmpty) return;
        var idx = node.Buf0!;
        int outer = node.I0, size = node.I1, inner = node.I2;
        for (int o = 0; o < outer; o++)
        {
            for (int i = 0; i < inner; i++)
                ga[(o * size + (int)idx[o * inner + i]) * inner + i] += g[o * inner + i];
        }
    }

    /// <summary>Index of the maximum over all elements (flattened), as a 0-dimensional tensor.</summary>
    public Tensor argmax()
    {
        var x = Span;
        if (x.Length == 0) throw new InvalidOperationException("argmax: empty tensor");
        var r = Empty([]);
        r.Span[0] = IndexOfMaxPropagatingNaN(x);
        return r;
    }

    /// <summary>Indices of the maxima along <paramref name="dim"/> (first on ties).</summary>
    public Tensor argmax(int dim, bool keepdim = false)
    {
        int d = NormDim(dim, _shape.Length, "argmax");
        var (outer, size, inner) = SplitAt(_shape, d);
        if (size == 0) throw new InvalidOperationException($"argmax: dimension {dim} of shape {ShapeStr} is empty");
        var shape = ReducedShape(_shape, d, keepdim);
        var ix = Empty(shape);
        var tmp = Kernels.BufferPool.Rent(ix._numel, false);
        ArgMaxInto(Span, outer, size, inner, tmp.AsSpan(0, ix._numel), ix.Span);
        Kernels.BufferPool.Return(tmp);
        return ix;
    }

    /// <summary>Softmax along <paramref name="dim"/>.</summary>
    public Tensor softmax(int dim) => SoftmaxImpl(dim, log: false);

    /// <summary>Log-softmax along <paramref name="dim"/> (numerically stable).</summary>
    public Tensor log_softmax(int dim) => SoftmaxImpl(dim, log: true);

    private Tensor SoftmaxImpl(int dim, bool log)
    {
        string name = log ? "log_softmax" : "softmax";
        int d = NormDim(dim, _shape.Length, name);
        var (outer, size, inner) = SplitAt(_shape, d);
        var r = Empty(_shape);
        var x = Span;
        var y = r.Span;
        for (int o = 0; o < outer; o++)
        {
            for (int i = 0; i < inner; i++)
            {
                int b = o * size * inner + i;
                float m = float.NegativeInfinity;
                for (int k = 0; k < size; k++) m = MathF.Max(m, x[b + k * inner]);
                float s = 0f;
                for (int k = 0; k < size; k++) { float e = MathF.Exp(x[b + k * inner] - m); y[b + k * inner] = e; s += e; }
                if (log)
                {
                    float ls = MathF.Log(s) + m;
                    for (int k = 0; k < size; k++) y[b + k * inner] = x[b + k * inner] - ls;
                }
                else
                {
                    float inv = 1f / s;
                    for (int k = 0; k < size; k++) y[b + k * inner] *= inv;
                }
            }
        }

        if (Tracking(this)) RecordSoftmax(name, log, this, r, outer, size, inner);
        return r.Checked(name);
    }

    private static unsafe void RecordSoftmax(string name, bool log, Tensor a, Tensor r, int outer, int size, int inner)
    {
        var node = r.RecordFast(name, &SoftmaxBackward, 1);
        node.SetInput(0, a);
        node.Kind = log ? 1 : 0;
        (node.I0, node.I1, node.I2) = (outer, size, inner);
    }

    private static void SoftmaxBackward(Autograd.GradNode node, float[] g)
    {
        var ga = node.Input(0).GradSpan();
        if (ga.IsEmpty) return;
        var y = node.Output!.Span;
        bool log = node.Kind == 1;
        int outer = node.I0, size = node.I1, inner = node.I2;
        for (int o = 0; o < outer; o++)
        {
            for (int i = 0; i < inner; i++)
            {
                int b = o * size * inner + i;
                if (log)
                {
                    float s = 0f;
                    for (int k = 0; k < size; k++) s += g[b + k * inner];
                    for (int k = 0; k < size; k++) ga[b + k * inner] += g[b + k * inner] - MathF.Exp(y[b + k * inner]) * s;
                }
                else
                {
                    float s = 0f;
                    for (int k = 0; k < size; k++) s += g[b + k * inner] * y[b + k * inner];
                    for (int k = 0; k < size; k++) ga[b + k * inner] += y[b + k * inner] * (g[b + k * inner] - s);
                }
            }
        }
    }
}
