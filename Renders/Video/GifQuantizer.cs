namespace RlFramework.Renders.Video;

/// <summary>
/// Turns a rectangle of RGB pixels into palette indices: exact when it has at most 256 colours,
/// otherwise median cut over a 15-bit (5 bits per channel) histogram, whose boxes give the palette
/// (mean colour of the box's pixels) and the colour → index lookup (the box of the pixel's 15-bit bin).
/// </summary>
internal sealed class GifQuantizer
{
    private const int Bins = 1 << 15;

    private readonly GifColorMap exact = new();
    // Median-cut buffers, allocated on the first frame with more than 256 colours.
    private int[] counts = [];
    private long[] sumR = [];
    private long[] sumG = [];
    private long[] sumB = [];
    private byte[] binToIndex = [];
    private int[] occupied = [];

    /// <summary>The palette of the last call, as 0xRRGGBB.</summary>
    internal int[] Palette { get; } = new int[256];

    /// <summary>Number of palette entries used by the last call.</summary>
    internal int Count { get; private set; }

    /// <summary>True when the last call kept every colour exactly.</summary>
    internal bool IsExact { get; private set; }

    /// <summary>Fills <paramref name="indices"/> (w·h bytes, row-major) for the rectangle (x0, y0, w, h) of an RGB image with <paramref name="stride"/> bytes per row.</summary>
    internal void Quantize(ReadOnlySpan<byte> rgb, int stride, int x0, int y0, int w, int h, Span<byte> indices)
    {
        if (TryExact(rgb, stride, x0, y0, w, h, indices))
        {
            IsExact = true;
            return;
        }

        IsExact = false;
        MedianCut(rgb, stride, x0, y0, w, h, indices);
    }

    private bool TryExact(ReadOnlySpan<byte> rgb, int stride, int x0, int y0, int w, int h, Span<byte> indices)
    {
        exact.Clear();
        var count = 0;
        var last = -1;
        byte lastIndex = 0;
        var o = 0;
        for (var y = 0; y < h; y++)
        {
            var row = rgb.Slice(((y0 + y) * stride) + (x0 * 3), w * 3);
            for (var x = 0; x < row.Length; x += 3)
            {
                var c = (row[x] << 16) | (row[x + 1] << 8) | row[x + 2];
                if (c != last)
                {
                    if (!exact.TryGet(c, out lastIndex))
                    {
                        if (count == 256)
                        {
                            return false;
                        }

                        lastIndex = (byte)count;
                        Palette[count++] = c;
                        exact.Add(c, lastIndex);
                    }

                    last = c;
                }

                indices[o++] = lastIndex;
            }
        }

        Count = count;
        return true;
    }

    private void MedianCut(ReadOnlySpan<byte> rgb, int stride, int x0, int y0, int w, int h, Span<byte> indices)
    {
        if (counts.Length == 0)
        {
            counts = new int[Bins];
            sumR = new long[Bins];
            sumG = new long[Bins];
            sumB = new long[Bins];
            binToIndex = new byte[Bins];
            occupied = new int[Bins];
        }

        Array.Clear(counts);
        Array.Clear(sumR);
        Array.Clear(sumG);
        Array.Clear(sumB);
        for (var y = 0; y < h; y++)
        {
            var row = rgb.Slice(((y0 + y) * stride) + (x0 * 3), w * 3);
            for (var x = 0; x < row.Length; x += 3)
            {
                int r = row[x], g = row[x + 1], b = row[x + 2];
                var bin = ((r >> 3) << 10) | ((g >> 3) << 5) | (b >> 3);
                counts[bin]++;
                sumR[bin] += r;
                sumG[bin] += g;
                sumB[bin] += b;
            }
        }

        var n = 0;
        for (var bin = 0; bin < Bins; bin++)
        {
            if (counts[bin] > 0)
            {
                occupied[n++] = bin;
            }
        }

        // Boxes are ranges [start, end) of 'occupied'; split the one with the largest pixels × extent.
        var boxes = new List<(int Start, int End)>(256) { (0, n) };
        var keys = new int[n];
        while (boxes.Count < 256)
        {
            var best = -1;
            long bestScore = 0;
            var bestAxis = 0;
            for (var i = 0; i < boxes.Count; i++)
            {
                var (s, e) = boxes[i];
                if (e - s < 2)
                {
                    continue;
                }

                var (axis, extent, pixels) = Measure(s, e);
                var score = (long)extent * pixels;
                if (score > bestScore)
                {
                    bestScore = score;
                    best = i;
                    bestAxis = axis;
                }
            }

            if (best < 0)
            {
                break;
            }

            var (start, end) = boxes[best];
            var shift = 10 - (5 * bestAxis);
            for (var i = start; i < end; i++)
            {
                keys[i] = (occupied[i] >> shift) & 31;
            }

            Array.Sort(keys, occupied, start, end - start);
            long total = 0;
            for (var i = start; i < end; i++)
            {
                total += counts[occupied[i]];
            }

            long acc = 0;
            var cut = start + 1;
            for (var i = start; i < end - 1; i++)
            {
                acc += counts[occupied[i]];
                cut = i + 1;
                if (acc * 2 >= total)
                {
                    break;
                }
            }

            boxes[best] = (start, cut);
            boxes.Add((cut, end));
        }

        for (var i = 0; i < boxes.Count; i++)
        {
            var (s, e) = boxes[i];
            long r = 0, g = 0, b = 0, c = 0;
            for (var j = s; j < e; j++)
            {
                var bin = occupied[j];
                r += sumR[bin];
                g += sumG[bin];
                b += sumB[bin];
                c += counts[bin];
                binToIndex[bin] = (byte)i;
            }

            Palette[i] = (int)(((r + (c / 2)) / c) << 16 | ((g + (c / 2)) / c) << 8 | ((b + (c / 2)) / c));
        }

        Count = boxes.Count;
        var o = 0;
        for (var y = 0; y < h; y++)
        {
            var row = rgb.Slice(((y0 + y) * stride) + (x0 * 3), w * 3);
            for (var x = 0; x < row.Length; x += 3)
            {
                indices[o++] = binToIndex[((row[x] >> 3) << 10) | ((row[x + 1] >> 3) << 5) | (row[x + 2] >> 3)];
            }
        }
    }

    private (int Axis, int Extent, long Pixels) Measure(int start, int end)
    {
        int minR = 31, maxR = 0, minG = 31, maxG = 0, minB = 31, maxB = 0;
        long pixels = 0;
        for (var i = start; i < end; i++)
        {
            var bin = occupied[i];
            int r = bin >> 10, g = (bin >> 5) & 31, b = bin & 31;
            minR = Math.Min(minR, r);
            maxR = Math.Max(maxR, r);
            minG = Math.Min(minG, g);
            maxG = Math.Max(maxG, g);
            minB = Math.Min(minB, b);
            maxB = Math.Max(maxB, b);
            pixels += counts[bin];
        }

        int er = maxR - minR, eg = maxG - minG, eb = maxB - minB;
        return er >= eg && er >= eb ? (0, er, pixels) : eg >= eb ? (1, eg, pixels) : (2, eb, pixels);
    }
}
