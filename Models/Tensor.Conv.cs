using System.Numerics.Tensors;
using RlFramework.Models.Kernels;

namespace RlFramework.Models;

public partial class Tensor
{
    /// <summary>2-D convolution: input [N,C,H,W], weight [O,C,kh,kw], bias [O]; stride 1 as an implicit GEMM, other strides by im2col + GEMM.</summary>
    internal static unsafe Tensor Conv2d(Tensor x, Tensor w, Tensor? b, int stride, int padding, int dilation)
    {
        if (x._shape.Length != 4 || w._shape.Length != 4 || x._shape[1] != w._shape[1])
            throw new ArgumentException($"conv2d: input shape {x.ShapeStr} and weight shape {w.ShapeStr} are incompatible (expected [N,C,H,W] and [O,C,kh,kw])");
        if (stride < 1 || padding < 0 || dilation < 1) throw new ArgumentException($"conv2d: invalid stride {stride}, padding {padding} or dilation {dilation}");
        int n = x._shape[0], c = x._shape[1], h = x._shape[2], wd = x._shape[3];
        int o = w._shape[0], kh = w._shape[2], kw = w._shape[3];
        if (b is not null && (b._shape.Length != 1 || b._shape[0] != o)) throw new ArgumentException($"conv2d: bias shape {b.ShapeStr} does not match weight shape {w.ShapeStr}");
        int oh = (h + 2 * padding - dilation * (kh - 1) - 1) / stride + 1;
        int ow = (wd + 2 * padding - dilation * (kw - 1) - 1) / stride + 1;
        if (oh <= 0 || ow <= 0) throw new ArgumentException($"conv2d: input shape {x.ShapeStr} is too small for weight shape {w.ShapeStr} with padding {padding}, dilation {dilation}");
        var g = new ConvGeometry(c, h, wd, kh, kw, stride, padding, dilation, oh, ow);
        int ckk = c * kh * kw, l = oh * ow;
        var r = Empty([n, o, oh, ow]);
        var xs = x.Span; var ys = r.Span; var ws = w.Span;
        if (stride == 1)
        {
            // Implicit GEMM (no im2col matrix); the bias is the initial value of the accumulation.
            var taps = BufferPool.Rent(ckk * o, false);
            PackTaps(ws, o, c, kh, kw, flip: false, taps);
            for (int i = 0; i < n; i++)
            {
                var yi = ys.Slice(i * o * l, o * l);
                if (b is not null) { var bs = b.Span; for (int k = 0; k < o; k++) yi.Slice(k * l, l).Fill(bs[k]); }
                ImplicitConv.Run(xs.Slice(i * c * h * wd, c * h * wd), c, h, wd, taps, o, kh, kw, padding, padding, dilation, yi, add: b is not null);
            }
            BufferPool.Return(taps);
        }
        else
        {
            var col = BufferPool.Rent(ckk * l, false);
            for (int i = 0; i < n; i++)
            {
                Im2Col(xs.Slice(i * c * h * wd, c * h * wd), g, col);
                var yi = ys.Slice(i * o * l, o * l);
                Gemm.Mul(o, l, ckk, ws, ckk, false, col, l, false, yi, l, false);
                if (b is not null) { var bs = b.Span; for (int k = 0; k < o; k++) TensorPrimitives.Add(yi.Slice(k * l, l), bs[k], yi.Slice(k * l, l)); }
            }
            BufferPool.Return(col);
        }
        if ((x.NeedsGrad || w.NeedsGrad || b is { NeedsGrad: true }) && Autograd.GradMode.Enabled)
        {
            var node = r.RecordFast("conv2d", &Conv2dBackward, b is null ? 2 : 3);
            node.SetInput(0, x); node.SetInput(1, w);
            if (b is not null) node.SetInput(2, b);
            (node.I0, node.I1, node.I2) = (stride, padding, dilation);
        }
        return r.Checked("conv2d");
    }

    /// <summary>2-D transposed convolution: input [N,C,H,W], weight [C,O,kh,kw], bias [O].</summary>
    internal static unsafe Tensor ConvTranspose2d(Tensor x, Tensor w, Tensor? b, int stride, int padding, int outputPadding, int dilation)
    {
        if (x._shape.Length != 4 || w._shape.Length != 4 || x._shape[1] != w._shape[0])
            throw new ArgumentException($"conv_transpose2d: input shape {x.ShapeStr} and weight shape {w.ShapeStr} are incompatible (expected [N,C,H,W] and [C,O,kh,kw])");
        if (stride < 1 || padding < 0 || dilation < 1 || outputPadding < 0 || outputPadding >= Math.Max(stride, dilation))
            throw new ArgumentException($"conv_transpose2d: invalid stride {stride}, padding {padding}, output_padding {outputPadding} or dilation {dilation}");
        int n = x._shape[0], c = x._shape[1], h = x._shape[2], wd = x._shape[3];
        int o = w._shape[1], kh = w._shape[2], kw = w._shape[3];
        if (b is not null && (b._shape.Length != 1 || b._shape[0] != o)) throw new ArgumentException($"conv_transpose2d: bias shape {b.ShapeStr} does not match weight shape {w.ShapeStr}");
        int oh = (h - 1) * stride - 2 * padding + dilation * (kh - 1) + outputPadding + 1;
        int ow = (wd - 1) * stride - 2 * padding + dilation * (kw - 1) + outputPadding + 1;
        if (oh <= 0 || ow <= 0) throw new ArgumentException($"conv_transpose2d: output would be empty for input shape {x.ShapeStr} and weight shape {w.ShapeStr}");
        // The matching convolution maps [O, oh, ow] → [C, h, w].
        var g = new ConvGeometry(o, oh, ow, kh, kw, stride, padding, dilation, h, wd);
        int okk = o * kh * kw, l = h * wd;
        var r = Empty([n, o, oh, ow], clear: true);
        var col = BufferPool.Rent(okk * l, false);
        var xs = x.Span; var ys = r.Span; var ws = w.Span;
        for (int i = 0; i < n; i++)
        {
            Gemm.Mul(okk, l, c, ws, okk, true, xs.Slice(i * c * l, c * l), l, false, col, l, false); // Wᵀ·x
            var yi = ys.Slice(i * o * oh * ow, o * oh * ow);
            Col2Im(col, g, yi);
            if (b is not null) { var bs = b.Span; for (int k = 0; k < o; k++) TensorPrimitives.Add(yi.Slice(k * oh * ow, oh * ow), bs[k], yi.Slice(k * oh * ow, oh * ow)); }
        }
        BufferPool.Return(col);
        if ((x.NeedsGrad || w.NeedsGrad || b is { NeedsGrad: true }) && Autograd.GradMode.Enabled)
        {
            var node = r.RecordFast("conv_transpose2d", &ConvTranspose2dBackward, b is null ? 2 : 3);
            node.SetInput(0, x); node.SetInput(1, w);
            if (b is not null) node.SetInput(2, b);
            (node.I0, node.I1, node.I2) = (stride, padding, dilation);
        }
        return r.Checked("conv_transpose2d");
    }

    private static void Conv2dBackward(Autograd.GradNode node, float[] g)
    {
        var x = node.Input(0); var w = node.Input(1); var b = node.Count > 2 ? node.Input(2) : null;
        int stride = node.I0, padding = node.I1, dilation = node.I2;
        int n = x._shape[0], c = x._shape[1], h = x._shape[2], wd = x._shape[3];
        int o = w._shape[0], kh = w._shape[2], kw = w._shape[3];
        var r = node.Output!;
        int oh = r._shape[2], ow = r._shape[3];
        var geo = new ConvGeometry(c, h, wd, kh, kw, stride, padding, dilation, oh, ow);
        int ckk = c * kh * kw, l = oh * ow;
        var gx = x.GradSpan(); var gw = w.GradSpan(); var gb = b is null ? default : b.GradSpan();
        // With stride 1 the input gradient is the correlation of g with the flipped, transposed kernel (padding
        // d·(k−1)−p, implicit GEMM); otherwise Wᵀ·g is scattered back by col2im.
        int padH = dilation * (kh - 1) - padding, padW = dilation * (kw - 1) - padding;
        bool implicitGx = !gx.IsEmpty && stride == 1 && padH >= 0 && padW >= 0;
        // The weight gradient g·colᵀ goes by blocks of output rows, so the im2col block stays cache-sized.
        int blockRows = Math.Clamp(WeightGradBlockFloats / (ckk * ow), 1, oh);
        var cbuf = gw.IsEmpty ? [] : BufferPool.Rent(ckk * blockRows * ow, false);
        var flipped = implicitGx ? BufferPool.Rent(ckk * o, false) : [];
        if (implicitGx) PackTaps(w.Span, o, c, kh, kw, flip: true, flipped);
        for (int i = 0; i < n; i++)
        {
            var gi = g.AsSpan(i * o * l, o * l);
            for (int r0 = 0; r0 < oh && !gw.IsEmpty; r0 += blockRows)
            {
                int rows = Math.Min(blockRows, oh - r0), lb = rows * ow;
                Im2Col(x.Span.Slice(i * c * h * wd, c * h * wd), geo, cbuf, r0, rows);
                Gemm.Mul(o, ckk, lb, gi[(r0 * ow)..], l, false, cbuf, lb, true, gw, ckk, true); // g·colᵀ
            }
            if (implicitGx)
            {
                ImplicitConv.Run(gi, o, oh, ow, flipped, c, kh, kw, padH, padW, dilation, gx.Slice(i * c * h * wd, c * h * wd), add: true);
            }
            else if (!gx.IsEmpty)
            {
                var full = BufferPool.Rent(ckk * l, false);
                Gemm.Mul(ckk, l, o, w.Span, ckk, true, gi, l, false, full, l, false); // Wᵀ·g
                Col2Im(full, geo, gx.Slice(i * c * h * wd, c * h * wd));
                BufferPool.Return(full);
            }
            if (!gb.IsEmpty) for (int k = 0; k < o; k++) gb[k] += TensorPrimitives.Sum(gi.Slice(k * l, l));
        }
        BufferPool.Return(flipped);
        BufferPool.Return(cbuf);
    }

    /// <summary>Target size (floats) of the im2col block of the weight gradient: 4 MiB, well inside the L3 cache.</summary>
    private const int WeightGradBlockFloats = 1 << 20;

    /// <summary>Packs weight [O, C, kh, kw] tap-major for <see cref="ImplicitConv"/>: taps[((c·kh+ki)·kw+kj)·O + o] =
    /// w[o, c, ki, kj]; with <paramref name="flip"/>, the kernel of the input gradient (C outputs from O inputs, spatially
    /// flipped): taps[((o·kh+ki)·kw+kj)·C + c] = w[o, c, kh−1−ki, kw−1−kj].</summary>
    private static void PackTaps(ReadOnlySpan<float> w, int o, int c, int kh, int kw, bool flip, Span<float> taps)
    {
        for (int oo = 0; oo < o; oo++)
        {
            for (int cc = 0; cc < c; cc++)
            {
                for (int ki = 0; ki < kh; ki++)
                {
                    for (int kj = 0; kj < kw; kj++)
                    {
                        float v = w[((oo * c + cc) * kh + ki) * kw + kj];
                        if (flip) taps[((oo * kh + kh - 1 - ki) * kw + kw - 1 - kj) * c + cc] = v;
                        else taps[((cc * kh + ki) * kw + kj) * o + oo] = v;
                    }
                }
            }
        }
    }

    private static void ConvTranspose2dBackward(Autograd.GradNode node, float[] g)
    {
        var x = node.Input(0); var w = node.Input(1); var b = node.Count > 2 ? node.Input(2) : null;
        int stride = node.I0, padding = node.I1, dilation = node.I2;
        int n = x._shape[0], c = x._shape[1], h = x._shape[2], wd = x._shape[3];
        int o = w._shape[1], kh = w._shape[2], kw = w._shape[3];
        var r = node.Output!;
        int oh = r._shape[2], ow = r._shape[3];
        var geo = new ConvGeometry(o, oh, ow, kh, kw, stride, padding, dilation, h, wd);
        int okk = o * kh * kw, l = h * wd;
        var gx = x.GradSpan(); var gw = w.GradSpan(); var gb = b is null ? default : b.GradSpan();
        var cbuf = BufferPool.Rent(okk * l, false);
        for (int i = 0; i < n; i++)
        {
            var gi = g.AsSpan(i * o * oh * ow, o * oh * ow);
            Im2Col(gi, geo, cbuf);
            if (!gx.IsEmpty) Gemm.Mul(c, l, okk, w.Span, okk, false, cbuf, l, false, gx.Slice(i * c * l, c * l), l, true); // W·col
            if (!gw.IsEmpty) Gemm.Mul(c, okk, l, x.Span.Slice(i * c * l, c * l), l, false, cbuf, l, true, gw, okk, true); // x·colᵀ
            if (!gb.IsEmpty) for (int k = 0; k < o; k++) gb[k] += TensorPrimitives.Sum(gi.Slice(k * oh * ow, oh * ow));
        }
        BufferPool.Return(cbuf);
    }

    internal readonly record struct ConvGeometry(int C, int H, int W, int Kh, int Kw, int Stride, int Pad, int Dil, int Oh, int Ow);

    /// <summary>col[(c·kh+ki)·kw+kj, oh·OW+ow] = x[c, oh·s−p+ki·d, ow·s−p+kj·d] (0 outside).</summary>
    internal static void Im2Col(ReadOnlySpan<float> x, ConvGeometry g, Span<float> col) => Im2Col(x, g, col, 0, g.Oh);

    /// <summary><see cref="Im2Col(ReadOnlySpan{float}, ConvGeometry, Span{float})"/> for output rows
    /// [<paramref name="oh0"/>, <paramref name="oh0"/> + <paramref name="rows"/>) only: col is [C·kh·kw, rows·OW].</summary>
    internal static void Im2Col(ReadOnlySpan<float> x, ConvGeometry g, Span<float> col, int oh0, int rows)
    {
        int l = rows * g.Ow;
        for (int c = 0; c < g.C; c++)
        {
            for (int ki = 0; ki < g.Kh; ki++)
            {
                for (int kj = 0; kj < g.Kw; kj++)
                {
                    var row = col.Slice(((c * g.Kh + ki) * g.Kw + kj) * l, l);
                    int colOff = kj * g.Dil - g.Pad;
                    // Valid output columns: 0 <= ow*s + colOff < W.
                    int owLo = colOff >= 0 ? 0 : (-colOff + g.Stride - 1) / g.Stride;
                    int owHi = g.W - colOff <= 0 ? 0 : Math.Min(g.Ow, (g.W - colOff + g.Stride - 1) / g.Stride);
                    for (int oh = oh0; oh < oh0 + rows; oh++)
                    {
                        var dst = row.Slice((oh - oh0) * g.Ow, g.Ow);
                        int ih = oh * g.Stride - g.Pad + ki * g.Dil;
                        if (ih < 0 || ih >= g.H || owLo >= owHi) { dst.Clear(); continue; }
                        var src = x.Slice((c * g.H + ih) * g.W, g.W);
                        dst[..owLo].Clear();
                        if (g.Stride == 1) src.Slice(owLo + colOff, owHi - owLo).CopyTo(dst.Slice(owLo, owHi - owLo));
                        else for (int ow = owLo; ow < owHi; ow++) dst[ow] = src[ow * g.Stride + colOff];
                        dst[owHi..].Clear();
                    }
                }
            }
        }
    }

    /// <summary>Adjoint of <see cref="Im2Col(ReadOnlySpan{float}, ConvGeometry, Span{float})"/>: x[c, ih, iw] += col[...].</summary>
    internal static void Col2Im(ReadOnlySpan<float> col, ConvGeometry g, Span<float> x)
    {
        int l = g.Oh * g.Ow;
        for (int c = 0; c < g.C; c++)
        {
            for (int ki = 0; ki < g.Kh; ki++)
            {
                for (int kj = 0; kj < g.Kw; kj++)
                {
                    var row = col.Slice(((c * g.Kh + ki) * g.Kw + kj) * l, l);
                    int colOff = kj * g.Dil - g.Pad;
                    int owLo = colOff >= 0 ? 0 : (-colOff + g.Stride - 1) / g.Stride;
                    int owHi = g.W - colOff <= 0 ? 0 : Math.Min(g.Ow, (g.W - colOff + g.Stride - 1) / g.Stride);
                    if (owLo >= owHi) continue;
                    for (int oh = 0; oh < g.Oh; oh++)
                    {
                        int ih = oh * g.Stride - g.Pad + ki * g.Dil;
                        if (ih < 0 || ih >= g.H) continue;
                        var src = row.Slice(oh * g.Ow, g.Ow);
                        var dst = x.Slice((c * g.H + ih) * g.W, g.W);
                        if (g.Stride == 1)
                        {
                            var d = dst.Slice(owLo + colOff, owHi - owLo);
                            TensorPrimitives.Add(d, src.Slice(owLo, owHi - owLo), d);
                        }
                        else
                        {
                            for (int ow = owLo; ow < owHi; ow++) dst[ow * g.Stride + colOff] += src[ow];
                        }
                    }
                }
            }
        }
    }
}
