using System.Numerics.Tensors;
using RlFramework.Models.Kernels;

namespace RlFramework.Models;

public partial class Tensor
{
    private static readonly int[] s_scalarShape = [];
    private static readonly float[] s_zero = [0f];

    /// <summary>Materialises <paramref name="x"/> broadcast to shape <paramref name="o"/> into <paramref name="dst"/>.</summary>
    internal static void Expand(ReadOnlySpan<float> x, int[] xs, Span<float> dst, int[] o) =>
        BroadcastKernel(BinOp.Add, x, xs, s_zero, s_scalarShape, dst, o);

    /// <summary>Elementwise <c>condition ? x : y</c> with broadcasting (condition nonzero means true).</summary>
    internal static Tensor Where(Tensor condition, Tensor x, Tensor y)
    {
        var shape = BroadcastShape(BroadcastShape(condition._shape, x._shape, "where"), y._shape, "where");
        shape = (int[])shape.Clone();
        int n = Numel(shape);
        var c = BufferPool.Rent(n, false);
        var a = BufferPool.Rent(n, false);
        var b = BufferPool.Rent(n, false);
        Expand(condition.Span, condition._shape, c, shape);
        Expand(x.Span, x._shape, a, shape);
        Expand(y.Span, y._shape, b, shape);
        var r = Empty(shape);
        var d = r.Span;
        for (int i = 0; i < n; i++) d[i] = c[i] != 0f ? a[i] : b[i];
        BufferPool.Return(a);
        BufferPool.Return(b);
        if (Tracking(x, y))
        {
            r.Record("where", [x, y], g =>
            {
                var gx = x.GradSpan();
                var gy = y.GradSpan();
                var t = BufferPool.Rent(n, false);
                if (!gx.IsEmpty)
                {
                    for (int i = 0; i < n; i++) t[i] = c[i] != 0f ? g[i] : 0f;
                    ReduceInto(t, shape, x._shape, gx);
                }
                if (!gy.IsEmpty)
                {
                    for (int i = 0; i < n; i++) t[i] = c[i] != 0f ? 0f : g[i];
                    ReduceInto(t, shape, y._shape, gy);
                }
                BufferPool.Return(t);
            });
        }
        else
        {
            BufferPool.Return(c);
        }

        return r.Checked("where");
    }

    /// <summary>Copy with the elements where <paramref name="mask"/> is nonzero replaced by <paramref name="value"/> (mask broadcasts).</summary>
    public Tensor masked_fill(Tensor mask, float value)
    {
        var shape = BroadcastShape(_shape, mask._shape, "masked_fill");
        if (!shape.AsSpan().SequenceEqual(_shape)) throw new ArgumentException($"masked_fill: mask shape {mask.ShapeStr} does not broadcast to input shape {ShapeStr}");
        return Where(mask, new Tensor([value], 0, [], owner: false), this);
    }

    /// <summary>Concatenates tensors along <paramref name="dim"/> (all other dimensions must match).</summary>
    internal static unsafe Tensor Cat(ReadOnlySpan<Tensor> tensors, int dim)
    {
        if (tensors.Length == 0) throw new ArgumentException("cat: expects a non-empty list of tensors");
        var first = tensors[0];
        int d = NormDim(dim, first._shape.Length, "cat");
        Span<int> shape = stackalloc int[first._shape.Length];
        first._shape.CopyTo(shape);
        int total = 0;
        foreach (var t in tensors)
        {
            if (t._shape.Length != shape.Length) throw new ArgumentException($"cat: shapes {first.ShapeStr} and {t.ShapeStr} have different numbers of dimensions");
            for (int i = 0; i < shape.Length; i++)
                if (i != d && t._shape[i] != shape[i]) throw new ArgumentException($"cat: shapes {first.ShapeStr} and {t.ShapeStr} differ outside dimension {dim}");
            total += t._shape[d];
        }
        shape[d] = total;
        var (outer, _, inner) = SplitAt(shape, d);
        var r = Empty(shape);
        var y = r.Span;
        int at = 0;
        for (int k = 0; k < tensors.Length; k++)
        {
            var t = tensors[k];
            int len = t._shape[d] * inner;
            var x = t.Span;
            for (int o = 0; o < outer; o++) x.Slice(o * len, len).CopyTo(y.Slice(o * total * inner + at * inner, len));
            at += t._shape[d];
        }
        bool track = false;
        foreach (var t in tensors) track |= t.NeedsGrad;
        if (track && Autograd.GradMode.Enabled)
        {
            var node = r.RecordFast("cat", &CatBackward, tensors.Length);
            for (int k = 0; k < tensors.Length; k++) node.SetInput(k, tensors[k]);
            (node.I0, node.I1, node.I2, node.I3) = (d, outer, inner, total);
        }
        return r;
    }

    private static void CatBackward(Autograd.GradNode node, float[] g)
    {
        int d = node.I0, outer = node.I1, inner = node.I2, total = node.I3;
        int at = 0;
        for (int k = 0; k < node.Count; k++)
        {
            var input = node.Input(k);
            int size = input._shape[d];
            var gi = input.GradSpan();
            if (!gi.IsEmpty)
            {
                int len = size * inner;
                for (int o = 0; o < outer; o++)
                {
                    var dst = gi.Slice(o * len, len);
                    TensorPrimitives.Add(dst, g.AsSpan(o * total * inner + at * inner, len), dst);
                }
            }
            at += size;
        }
    }

    [ThreadStatic] private static Tensor[]? t_stackScratch;

    /// <summary>The tensors of a list as a span (no copy for arrays and List).</summary>
    internal static ReadOnlySpan<Tensor> AsSpan(IList<Tensor> list) => list switch
    {
        Tensor[] a => a,
        List<Tensor> l => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(l),
        _ => list.ToArray(),
    };

    /// <summary>Stacks equally shaped tensors along a new dimension <paramref name="dim"/>.</summary>
    internal static Tensor Stack(ReadOnlySpan<Tensor> tensors, int dim)
    {
        if (tensors.Length == 0) throw new ArgumentException("stack: expects a non-empty list of tensors");
        foreach (var t in tensors)
        {
            if (!t._shape.AsSpan().SequenceEqual(tensors[0]._shape))
                throw new ArgumentException($"stack: shapes {tensors[0].ShapeStr} and {t.ShapeStr} differ");
        }

        int rank = tensors[0]._shape.Length + 1;
        int d = dim < 0 ? dim + rank : dim;
        var scratch = t_stackScratch is { } sc && sc.Length >= tensors.Length ? sc : new Tensor[Math.Max(tensors.Length, 16)];
        t_stackScratch = null; // re-entrancy safe: a nested call allocates its own
        for (int i = 0; i < tensors.Length; i++) scratch[i] = tensors[i].unsqueeze(d);
        var r = Cat(scratch.AsSpan(0, tensors.Length), d);
        Array.Clear(scratch, 0, tensors.Length);
        t_stackScratch = scratch;
        return r;
    }

    /// <summary>Outer product of two 1-D tensors.</summary>
    public Tensor outer(Tensor other)
    {
        if (_shape.Length != 1 || other._shape.Length != 1) throw new ArgumentException($"outer: expects two 1-D tensors, got shapes {ShapeStr} and {other.ShapeStr}");
        return unsqueeze(1).mul(other.unsqueeze(0));
    }

    /// <summary>One-hot encoding of integer class indices: shape [..., num_classes].</summary>
    internal static Tensor OneHot(Tensor index, int numClasses)
    {
        var x = index.Span;
        if (numClasses < 0)
        {
            numClasses = 0;
            foreach (var v in x) numClasses = Math.Max(numClasses, (int)v + 1);
        }
        var shape = new int[index._shape.Length + 1];
        index._shape.CopyTo(shape, 0);
        shape[^1] = numClasses;
        var r = Empty(shape, clear: true);
        var y = r.Span;
        for (int i = 0; i < x.Length; i++) y[i * numClasses + Index(x[i], numClasses, "one_hot")] = 1f;
        return r;
    }

    // ---------------------------------------------------------------- in-place (not recorded)

    private void CheckInPlace(string op)
    {
        if (_requiresGrad && Autograd.GradMode.Enabled)
            throw new InvalidOperationException($"{op}: a leaf tensor that requires grad is used in an in-place operation; wrap it in torch.no_grad()");
    }

    /// <summary>Copies <paramref name="src"/> (same number of elements) into this tensor; returns this.</summary>
    public Tensor copy_(Tensor src)
    {
        CheckInPlace("copy_");
        if (src._numel != _numel) throw new ArgumentException($"copy_: source shape {src.ShapeStr} does not match destination shape {ShapeStr}");
        src.Span.CopyTo(Span);
        return this;
    }

    /// <summary>Sets every element to zero; returns this.</summary>
    public Tensor zero_()
    {
        CheckInPlace("zero_");
        Span.Clear();
        return this;
    }

    /// <summary>Sets every element to <paramref name="value"/>; returns this.</summary>
    public Tensor fill_(float value)
    {
        CheckInPlace("fill_");
        Span.Fill(value);
        return this;
    }

    /// <summary>this += alpha·other (same shape); returns this.</summary>
    public Tensor add_(Tensor other, float alpha = 1f)
    {
        CheckInPlace("add_");
        if (other._numel != _numel) throw new ArgumentException($"add_: shapes {ShapeStr} and {other.ShapeStr} differ");
        TensorPrimitives.MultiplyAdd(other.Span, alpha, Span, Span);
        return this;
    }

    /// <summary>this *= value; returns this.</summary>
    public Tensor mul_(float value)
    {
        CheckInPlace("mul_");
        TensorPrimitives.Multiply(Span, value, Span);
        return this;
    }
}
