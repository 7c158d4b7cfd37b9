namespace RlFramework.Models.Kernels;

/// <summary>
/// Stride-1 convolution as an implicit GEMM: no im2col matrix. The input is copied once into a zero-padded buffer;
/// kernel tap p = (c, ki, kj) then reads its row of the virtual im2col matrix straight from that buffer at offset
/// c·plane + ki·d·Wp + kj·d, and the GEMM micro-kernel runs output channels × 16 pixels of one output row per tile.
/// </summary>
internal static unsafe class ImplicitConv
{
    /// <summary>y[r, i, j] = (add ? y : 0) + Σ_(c,ki,kj) taps[((c·kh+ki)·kw+kj)·o + r] · x[c, i − padH + ki·d, j − padW + kj·d]
    /// (x zero outside), for x [c, h, w] and y [o, oh, ow] with oh = h + 2·padH − d·(kh − 1), ow likewise.</summary>
    public static void Run(ReadOnlySpan<float> x, int c, int h, int w, ReadOnlySpan<float> taps, int o, int kh, int kw,
        int padH, int padW, int dil, Span<float> y, bool add)
    {
        int hp = h + 2 * padH, wp = w + 2 * padW, plane = hp * wp;
        int oh = hp - dil * (kh - 1), ow = wp - dil * (kw - 1), l = oh * ow, k = c * kh * kw;
        if (x.Length < c * h * w || taps.Length < k * o || y.Length < o * l || oh <= 0 || ow <= 0)
            throw new ArgumentException($"implicit conv: buffers too small for input [{c}, {h}, {w}], kernel [{o}, {c}, {kh}, {kw}], padding ({padH}, {padW})");
        // 16 floats of slack: the last strip of a row reads up to 15 floats past the padded input (masked columns).
        var xpad = BufferPool.Rent(c * plane + 16, true);
        var off = System.Buffers.ArrayPool<int>.Shared.Rent(k);
        try
        {
            for (int ch = 0; ch < c; ch++)
            {
                for (int r = 0; r < h; r++)
                    x.Slice((ch * h + r) * w, w).CopyTo(xpad.AsSpan(ch * plane + (r + padH) * wp + padW, w));
            }

            for (int ch = 0, p = 0; ch < c; ch++)
            {
                for (int ki = 0; ki < kh; ki++)
                    for (int kj = 0; kj < kw; kj++) off[p++] = ch * plane + (ki * wp + kj) * dil;
            }

            fixed (float* px = xpad) fixed (float* pt = taps) fixed (float* py = y) fixed (int* po = off)
            {
                for (int i = 0; i < oh; i++)
                {
                    for (int j = 0; j < ow; j += 16)
                    {
                        int nr = Math.Min(16, ow - j);
                        for (int ir = 0, mr; ir < o; ir += mr)
                        {
                            mr = Gemm.TileRows(o - ir);
                            Gemm.OffsetTile(mr, nr, k, pt + ir, o, px + i * wp + j, po, py + (long)ir * l + i * ow + j, l, add);
                        }
                    }
                }
            }
        }
        finally
        {
            System.Buffers.ArrayPool<int>.Shared.Return(off);
            BufferPool.Return(xpad);
        }
    }
}
