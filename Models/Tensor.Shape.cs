using System.Numerics.Tensors;

namespace RlFramework.Models;

public partial class Tensor
{
    private int[] InferShape(ReadOnlySpan<long> shape, string op)
    {
        var s = new int[shape.Length];
        int infer = -1;
        long known = 1;
        for (int i = 0; i < shape.Length; i++)
        {
            if (shape[i] == -1)
            {
                if (infer >= 0) throw new ArgumentException($"{op}: only one dimension can be -1 in {FormatLong(shape)}");
                infer = i;
            }
            else if (shape[i] < 0)
            {
                throw new ArgumentException($"{op}: invalid dimension {shape[i]} in {FormatLong(shape)}");
            }
            else { s[i] = (int)shape[i]; known *= shape[i]; }
        }
        if (infer >= 0)
        {
            if (known == 0 || _numel % known != 0) throw new ArgumentException($"{op}: shape {FormatLong(shape)} is invalid for input of shape {ShapeStr} ({_numel} elements)");
            s[infer] = (int)(_numel / known);
        }
        else if (known != _numel)
        {
            throw new ArgumentException($"{op}: shape {FormatLong(shape)} is invalid for input of shape {ShapeStr} ({_numel} elements)");
        }

        return s;
    }

    private static string FormatLong(ReadOnlySpan<long> s)
    {
        var a = new int[s.Length];
        for (int i = 0; i < s.Length; i++) a[i] = (int)s[i];
        return ShapeString(a);
    }

    /// <summary>View with the same elements and a new shape (one dimension may be -1). Shares storage.</summary>
    public Tensor reshape(params long[] shape) => ViewAs(InferShape(shape, "reshape"), "reshape");

    /// <summary>Same as <see cref="reshape"/> (storage is always contiguous here).</summary>
    public Tensor view(params long[] shape) => ViewAs(InferShape(shape, "view"), "view");

    internal Tensor ViewAs(ReadOnlySpan<int> shape, string name)
    {
        var r = Make(_data, _offset, shape, owner: false);
        if (Tracking(this)) RecordView(name, this, r, 0);
        return r;
    }

    // Gradient of a view/narrow: g lands at elementOffset inside the input's gradient.
    private static unsafe void RecordView(string name, Tensor a, Tensor r, int elementOffset)
    {
        var node = r.RecordFast(name, &ViewBackward, 1);
        node.SetInput(0, a);
        node.I0 = elementOffset;
    }

    private static void ViewBackward(Autograd.GradNode node, float[] g)
    {
        var ga = node.Input(0).GradSpan();
        if (ga.IsEmpty) return;
        var dst = ga.Slice(node.I0, g.Length);
        TensorPrimitives.Add(dst, g, dst);
    }

    /// <summary>Flattens dimensions start_dim..end_dim into one.</summary>
    public Tensor flatten(int start_dim = 0, int end_dim = -1)
    {
        if (_shape.Length == 0) return ViewAs([1], "flatten");
        int s = NormDim(start_dim, _shape.Length, "flatten"), e = NormDim(end_dim, _shape.Length, "flatten");
        if (s > e) throw new ArgumentException($"flatten: start_dim {start_dim} comes after end_dim {end_dim}");
        var shape = new int[_shape.Length - (e - s)];
        int j = 0, m = 1;
        for (int i = 0; i < _shape.Length; i++)
        {
            if (i < s || i > e)
            {
                shape[j++] = _shape[i];
            }
            else { m *= _shape[i]; if (i == e) shape[j++] = m; }
        }
        return ViewAs(shape, "flatten");
    }

    /// <summary>Inserts a dimension of size 1 at <paramref name="dim"/>.</summary>
    public Tensor unsqueeze(long dim)
    {
        int d = (int)(dim < 0 ? dim + _shape.Length + 1 : dim);
        if (d < 0 || d > _shape.Length) throw new ArgumentOutOfRangeException(nameof(dim), $"unsqueeze: dimension {dim} out of range for shape {ShapeStr}");
        Span<int> s = stackalloc int[_shape.Length + 1];
        for (int i = 0, j = 0; i < s.Length; i++) s[i] = i == d ? 1 : _shape[j++];
        return ViewAs(s, "unsqueeze");
    }

    /// <summary>Removes dimension <paramref name="dim"/> if it has size 1.</summary>
    public Tensor squeeze(long dim)
    {
        int d = NormDim((int)dim, _shape.Length, "squeeze");
        if (_shape[d] != 1) return ViewAs(_shape, "squeeze");
        Span<int> s = stackalloc int[_shape.Length - 1];
        for (int i = 0, j = 0; i < _shape.Length; i++) if (i != d) s[j++] = _shape[i];
        return ViewAs(s, "squeeze");
    }

    /// <summary>Removes every dimension of size 1.</summary>
    public Tensor squeeze() => ViewAs(_shape.Where(x => x != 1).ToArray(), "squeeze");

    /// <summary>The same tensor (storage is always contiguous here).</summary>
    public Tensor contiguous() => this;

    /// <summary>Copy of the tensor, connected to the graph.</summary>
    public Tensor clone()
    {
        var r = Empty(_shape);
        Span.CopyTo(r.Span);
        if (Tracking(this)) RecordView("clone", this, r, 0);
        return r;
    }

    /// <summary>Transpose of a 2-D tensor (copies).</summary>
    public Tensor t()
    {
        if (_shape.Length != 2) throw new ArgumentException($"t: expects a 2-D tensor, got shape {ShapeStr}");
        return transpose(0, 1);
    }

    /// <summary>Swaps two dimensions (copies).</summary>
    public Tensor transpose(long dim0, long dim1)
    {
        int a = NormDim((int)dim0, _shape.Length, "transpose"), b = NormDim((int)dim1, _shape.Length, "transpose");
        var perm = new int[_shape.Length];
        for (int i = 0; i < perm.Length; i++) perm[i] = i;
        (perm[a], perm[b]) = (perm[b], perm[a]);
        return PermuteImpl(perm, "transpose");
    }

    /// <summary>Reorders the dimensions (copies).</summary>
    public Tensor permute(params long[] dims)
    {
        if (dims.Length != _shape.Length) throw new ArgumentException($"permute: {dims.Length} dimensions given for a tensor of shape {ShapeStr}");
        var perm = new int[dims.Length];
        var seen = new bool[dims.Length];
        for (int i = 0; i < dims.Length; i++)
        {
            perm[i] = NormDim((int)dims[i], _shape.Length, "permute");
            if (seen[perm[i]]) throw new ArgumentException($"permute: dimension {dims[i]} repeated");
            seen[perm[i]] = true;
        }
        return PermuteImpl(perm, "permute");
    }

    private Tensor PermuteImpl(int[] perm, string name)
    {
        var outShape = new int[perm.Length];
        for (int i = 0; i < perm.Length; i++) outShape[i] = _shape[perm[i]];
        var r = Empty(outShape);
        PermuteCopy(Span, _shape, perm, r.Span, accumulate: false);
        if (Tracking(this))
        {
            var inv = new int[perm.Length];
            for (int i = 0; i < perm.Length; i++) inv[perm[i]] = i;
            var a = this;
            r.Record(name, [a], g =>
            {
                var ga = a.GradSpan();
                if (!ga.IsEmpty) PermuteCopy(g, outShape, inv, ga, accumulate: true);
            });
        }
        return r;
    }

    /// <summary>dst[perm-shape] (=|+=) src[shape] permuted.</summary>
    internal static void PermuteCopy(ReadOnlySpan<float> src, int[] shape, int[] perm, Span<float> dst, bool accumulate)
    {
        int rank = shape.Length;
        int n = src.Length;
        if (n == 0) return;
        var inStride = new int[rank];
        int s = 1;
        for (int i = rank - 1; i >= 0; i--) { inStride[i] = s; s *= shape[i]; }
        // Fast path: 2-D transpose.
        if (rank == 2 && perm[0] == 1)
        {
            int rows = shape[0], cols = shape[1];
            const int B = 32;
            for (int i0 = 0; i0 < rows; i0 += B)
            {
                for (int j0 = 0; j0 < cols; j0 += B)
                {
                    for (int i = i0; i < Math.Min(rows, i0 + B); i++)
                    {
                        for (int j = j0; j < Math.Min(cols, j0 + B); j++)
                        {
                            if (accumulate) dst[j * rows + i] += src[i * cols + j];
                            else dst[j * rows + i] = src[i * cols + j];
                        }
                    }
                }
            }

            return;
        }
        Span<int> idx = stackalloc int[rank];
        Span<int> ostr = stackalloc int[rank];
        Span<int> odim = stackalloc int[rank];
        for (int i = 0; i < rank; i++) { ostr[i] = inStride[perm[i]]; odim[i] = shape[perm[i]]; }
        idx.Clear();
        int off = 0;
        for (int k = 0; k < n; k++)
        {
            if (accumulate) dst[k] += src[off]; else dst[k] = src[off];
            for (int d = rank - 1; d >= 0; d--)
            {
                idx[d]++;
                off += ostr[d];
                if (idx[d] < odim[d]) break;
                off -= ostr[d] * odim[d];
                idx[d] = 0;
            }
        }
    }

    /// <summary>Slice of <paramref name="length"/> elements of <paramref name="dim"/> starting at <paramref name="start"/>.</summary>
    public Tensor narrow(long dim, long start, long length)
    {
        int d = NormDim((int)dim, _shape.Length, "narrow");
        int st = (int)(start < 0 ? start + _shape[d] : start);
        if (st < 0 || length < 0 || st + length > _shape[d])
            throw new ArgumentOutOfRangeException(nameof(start), $"narrow: range [{start}, {start + length}) out of bounds for dimension {dim} of shape {ShapeStr}");
        var (outer, size, inner) = SplitAt(_shape, d);
        if (outer == 1)
        {
            Span<int> vshape = stackalloc int[_shape.Length];
            _shape.CopyTo(vshape);
            vshape[d] = (int)length;
            var r = Make(_data, _offset + st * inner, vshape, owner: false);
            if (Tracking(this)) RecordView("narrow", this, r, st * inner);
            return r;
        }
        return NarrowCopy(d, st, (int)length, outer, size, inner);
    }

    // Inner-dimension slice (a copy); separate so the closure is only allocated on this path.
    private Tensor NarrowCopy(int d, int st, int length, int outer, int size, int inner)
    {
        var shape = (int[])_shape.Clone();
        shape[d] = length;
        var c = Empty(shape);
        var x = Span;
        var y = c.Span;
        int len = length * inner;
        for (int o = 0; o < outer; o++) x.Slice((o * size + st) * inner, len).CopyTo(y.Slice(o * len, len));
        if (Tracking(this))
        {
            var a = this;
            c.Record("narrow", [a], g =>
            {
                var ga = a.GradSpan();
                if (ga.IsEmpty) return;
                for (int o = 0; o < outer; o++)
                {
                    var dst = ga.Slice((o * size + st) * inner, len);
                    TensorPrimitives.Add(dst, g.AsSpan(o * len, len), dst);
                }
            });
        }
        return c;
    }

    /// <summary>Elements start..end (exclusive) of <paramref name="dim"/> with a step.</summary>
    public Tensor slice(long dim, long start, long finish, long step = 1)
    {
        int d = NormDim((int)dim, _shape.Length, "slice");
        long n = _shape[d];
        long s0 = Math.Clamp(start < 0 ? start + n : start, 0, n), s1 = Math.Clamp(finish < 0 ? finish + n : finish, 0, n);
        if (step < 1) throw new ArgumentException($"slice: step must be positive, got {step}");
        if (step == 1) return narrow(d, s0, Math.Max(0, s1 - s0));
        var idx = new List<float>();
        for (long i = s0; i < s1; i += step) idx.Add(i);
        return index_select(d, new Tensor(idx.ToArray(), 0, [idx.Count], owner: false));
    }

    /// <summary>Removes dimension <paramref name="dim"/> by taking index <paramref name="index"/> of it.</summary>
    public Tensor select(long dim, long index)
    {
        int d = NormDim((int)dim, _shape.Length, "select");
        return narrow(d, index, 1).squeeze(d);
    }

    /// <summary>Splits into <paramref name="chunks"/> nearly equal pieces along <paramref name="dim"/>.</summary>
    public Tensor[] chunk(long chunks, long dim = 0)
    {
        int d = NormDim((int)dim, _shape.Length, "chunk");
        int n = _shape[d];
        int each = (int)((n + chunks - 1) / chunks);
        var list = new List<Tensor>();
        for (int s = 0; s < n; s += each) list.Add(narrow(d, s, Math.Min(each, n - s)));
        return list.ToArray();
    }

    internal static int Index(float v, int size, string op)
    {
        int i = (int)v;
        if (i != v || i < 0 || i >= size) throw new IndexOutOfRangeException($"{op}: index {v} out of range for a dimension of size {size}");
        return i;
    }

    /// <summary>Picks the slices of <paramref name="dim"/> listed in the 1-D <paramref name="index"/>.</summary>
    public Tensor index_select(long dim, Tensor index)
    {
        int d = NormDim((int)dim, _shape.Length, "index_select");
        if (index._shape.Length > 1) throw new ArgumentException($"index_select: index must be 1-D, got shape {index.ShapeStr}");
        var (outer, size, inner) = SplitAt(_shape, d);
        var ix = index.Span;
        int m = ix.Length;
        var rows = new int[m];
        for (int k = 0; k < m; k++) rows[k] = Index(ix[k], size, "index_select");
        var shape = (int[])_shape.Clone();
        shape[d] = m;
        var r = Empty(shape);
        var x = Span;
        var y = r.Span;
        for (int o = 0; o < outer; o++)
        {
            for (int k = 0; k < m; k++)
                x.Slice((o * size + rows[k]) * inner, inner).CopyTo(y.Slice((o * m + k) * inner, inner));
        }

        if (Tracking(this))
        {
            var a = this;
            r.Record("index_select", [a], g =>
            {
                var ga = a.GradSpan();
                if (ga.IsEmpty) return;
                for (int o = 0; o < outer; o++)
                {
                    for (int k = 0; k < m; k++)
                    {
                        var dst = ga.Slice((o * size + rows[k]) * inner, inner);
                        TensorPrimitives.Add(dst, g.AsSpan((o * m + k) * inner, inner), dst);
                    }
                }
            });
        }
        return r;
    }

    /// <summary>out[..., j, ...] = this[..., index[..., j, ...], ...] along <paramref name="dim"/> (index has this tensor's rank).</summary>
    public unsafe Tensor gather(long dim, Tensor index)
    {
        int d = NormDim((int)dim, _shape.Length, "gather");
        if (index._shape.Length != _shape.Length)
            throw new ArgumentException($"gather: index shape {index.ShapeStr} must have the same number of dimensions as input shape {ShapeStr}");
        for (int i = 0; i < _shape.Length; i++)
        {
            if (i != d && index._shape[i] > _shape[i])
                throw new ArgumentException($"gather: index shape {index.ShapeStr} exceeds input shape {ShapeStr} in dimension {i}");
        }

        int size = _shape[d];
        var r = Empty(index._shape);
        var ixs = index.Span;
        // Input offset of every output element (kept for backward; exact as float below 2^24 elements).
        var pos = Kernels.BufferPool.Rent(ixs.Length, false);
        var x = Span;
        var y = r.Span;
        int rank = _shape.Length;
        Span<int> coord = stackalloc int[rank];
        Span<int> xs = stackalloc int[rank];
        int st = 1;
        for (int i = rank - 1; i >= 0; i--) { xs[i] = st; st *= _shape[i]; }
        for (int k = 0; k < ixs.Length; k++)
        {
            int rem = k, off = 0;
            for (int i = rank - 1; i >= 0; i--) { coord[i] = rem % index._shape[i]; rem /= index._shape[i]; }
            for (int i = 0; i < rank; i++) off += (i == d ? Index(ixs[k], size, "gather") : coord[i]) * xs[i];
            pos[k] = off;
            y[k] = x[off];
        }
        if (Tracking(this))
        {
            var node = r.RecordFast("gather", &GatherBackward, 1);
            node.SetInput(0, this);
            node.Buf0 = pos; // returned to the pool when the node is released
        }
        else
        {
            Kernels.BufferPool.Return(pos);
        }

        return r;
    }

    private static void GatherBackward(Autograd.GradNode node, float[] g)
    {
        var ga = node.Input(0).GradSpan();
        if (ga.IsEmpty) return;
        var pos = node.Buf0!;
        int n = node.Output!._numel;
        for (int k = 0; k < n; k++) ga[(int)pos[k]] += g[k];
    }
}
