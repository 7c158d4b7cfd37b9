namespace RlFramework.Renders.Tests.Support;

/// <summary>An independent GIF89a reader for the tests: blocks, LZW decoding, interlace, frame compositing.</summary>
internal static class GifDecoder
{
    internal sealed record Image(int X, int Y, int W, int H, int DelayCs, int Disposal, int? Transparent, byte[]? LocalPalette, byte[] Indices);

    internal sealed record GifFile(string Signature, int Width, int Height, byte[]? GlobalPalette, int? LoopCount, List<Image> Images)
    {
        /// <summary>Full RGB frames after drawing each image over the previous canvas (disposal 0/1 keep, 2 clears to background).</summary>
        public List<byte[]> Composite()
        {
            var canvas = new byte[Width * Height * 3];
            var frames = new List<byte[]>();
            foreach (var im in Images)
            {
                var pal = im.LocalPalette ?? GlobalPalette ?? throw new InvalidDataException("image without any colour table");
                for (var y = 0; y < im.H; y++)
                {
                    for (var x = 0; x < im.W; x++)
                    {
                        int idx = im.Indices[(y * im.W) + x];
                        if (idx == im.Transparent)
                        {
                            continue;
                        }

                        if ((idx * 3) + 2 >= pal.Length)
                        {
                            throw new InvalidDataException($"index {idx} outside a palette of {pal.Length / 3}");
                        }

                        var o = (((im.Y + y) * Width) + im.X + x) * 3;
                        canvas[o] = pal[idx * 3];
                        canvas[o + 1] = pal[(idx * 3) + 1];
                        canvas[o + 2] = pal[(idx * 3) + 2];
                    }
                }

                frames.Add((byte[])canvas.Clone());
                if (im.Disposal == 2)
                {
                    for (var y = 0; y < im.H; y++)
                    {
                        Array.Clear(canvas, (((im.Y + y) * Width) + im.X) * 3, im.W * 3);
                    }
                }
            }

            return frames;
        }
    }

    internal static GifFile Read(string path) => Read(File.ReadAllBytes(path));

    internal static GifFile Read(byte[] b)
    {
        var p = 0;
        var sig = System.Text.Encoding.ASCII.GetString(b, 0, 6);
        if (sig is not ("GIF89a" or "GIF87a"))
        {
            throw new InvalidDataException($"bad signature {sig}");
        }

        p = 6;
        var width = U16(b, p);
        var height = U16(b, p + 2);
        var packed = b[p + 4];
        p += 7;
        byte[]? global = null;
        if ((packed & 0x80) != 0)
        {
            var n = 3 * (1 << ((packed & 7) + 1));
            global = b[p..(p + n)];
            p += n;
        }

        int? loop = null;
        var delay = 0;
        var disposal = 0;
        int? transparent = null;
        var images = new List<Image>();
        while (true)
        {
            var id = b[p++];
            if (id == 0x3B)
            {
                break;
            }

            if (id == 0x21)
            {
                var label = b[p++];
                var blocks = ReadSubBlocks(b, ref p);
                if (label == 0xF9)
                {
                    var g = blocks[0];
                    if (g.Length != 4)
                    {
                        throw new InvalidDataException("GCE must be 4 bytes");
                    }

                    disposal = (g[0] >> 2) & 7;
                    transparent = (g[0] & 1) != 0 ? g[3] : null;
                    delay = g[1] | (g[2] << 8);
                }
                else if (label == 0xFF && blocks.Count >= 2 && System.Text.Encoding.ASCII.GetString(blocks[0]) == "NETSCAPE2.0")
                {
                    if (blocks[1][0] != 1)
                    {
                        throw new InvalidDataException("NETSCAPE2.0 sub-block id must be 1");
                    }

                    loop = blocks[1][1] | (blocks[1][2] << 8);
                }

                continue;
            }

            if (id != 0x2C)
            {
                throw new InvalidDataException($"unexpected block 0x{id:X2} at {p - 1}");
            }

            int x = U16(b, p), y = U16(b, p + 2), w = U16(b, p + 4), h = U16(b, p + 6);
            var ip = b[p + 8];
            p += 9;
            if (x + w > width || y + h > height)
            {
                throw new InvalidDataException("image outside the logical screen");
            }

            byte[]? local = null;
            if ((ip & 0x80) != 0)
            {
                var n = 3 * (1 << ((ip & 7) + 1));
                local = b[p..(p + n)];
                p += n;
            }

            var minCode = b[p++];
            var data = ReadSubBlocks(b, ref p).SelectMany(a => a).ToArray();
            var indices = Lzw(data, minCode, w * h);
            if ((ip & 0x40) != 0)
            {
                indices = Deinterlace(indices, w, h);
            }

            images.Add(new Image(x, y, w, h, delay, disposal, transparent, local, indices));
            delay = 0;
            disposal = 0;
            transparent = null;
        }

        return new GifFile(sig, width, height, global, loop, images);
    }

    /// <summary>GIF LZW decoding (variable code width, clear/end codes, deferred clear when the table is full).</summary>
    internal static byte[] Lzw(byte[] data, int minCode, int expected)
    {
        var output = new List<byte>(expected);
        var clear = 1 << minCode;
        var end = clear + 1;
        var prefix = new int[4096];
        var suffix = new byte[4096];
        var length = new int[4096];
        for (var i = 0; i < clear; i++)
        {
            suffix[i] = (byte)i;
            length[i] = 1;
            prefix[i] = -1;
        }

        var size = minCode + 1;
        var next = end + 1;
        var old = -1;
        long bitPos = 0;
        var stack = new byte[4097];
        while (true)
        {
            if (bitPos + size > data.Length * 8L)
            {
                throw new InvalidDataException("LZW data ended without an end code");
            }

            var code = 0;
            for (var i = 0; i < size; i++, bitPos++)
            {
                if ((data[bitPos >> 3] & (1 << (int)(bitPos & 7))) != 0)
                {
                    code |= 1 << i;
                }
            }

            if (code == clear)
            {
                size = minCode + 1;
                next = end + 1;
                old = -1;
                continue;
            }

            if (code == end)
            {
                break;
            }

            if (old == -1)
            {
                if (code >= clear)
                {
                    throw new InvalidDataException($"first code {code} after clear is not a literal");
                }

                output.Add((byte)code);
                old = code;
                continue;
            }

            int emit;
            byte first;
            if (code < next)
            {
                emit = code;
            }
            else if (code == next)
            {
                emit = -1; // KwKwK case
            }
            else
            {
                throw new InvalidDataException($"code {code} beyond table size {next}");
            }

            var c = emit == -1 ? old : emit;
            var sp = 0;
            while (c != -1)
            {
                stack[sp++] = suffix[c];
                c = prefix[c];
            }

            first = stack[sp - 1];
            for (var i = sp - 1; i >= 0; i--)
            {
                output.Add(stack[i]);
            }

            if (emit == -1)
            {
                output.Add(first);
            }

            if (next < 4096)
            {
                prefix[next] = old;
                suffix[next] = first;
                length[next] = length[old] + 1;
                next++;
                if (next == (1 << size) && size < 12)
                {
                    size++;
                }
            }

            old = code;
        }

        if (output.Count != expected)
        {
            throw new InvalidDataException($"LZW produced {output.Count} indices, expected {expected}");
        }

        return [.. output];
    }

    private static byte[] Deinterlace(byte[] src, int w, int h)
    {
        var dst = new byte[src.Length];
        var row = 0;
        foreach (var (start, step) in new[] { (0, 8), (4, 8), (2, 4), (1, 2) })
        {
            for (var y = start; y < h; y += step)
            {
                Array.Copy(src, row * w, dst, y * w, w);
                row++;
            }
        }

        return dst;
    }

    private static List<byte[]> ReadSubBlocks(byte[] b, ref int p)
    {
        var list = new List<byte[]>();
        while (true)
        {
            var n = b[p++];
            if (n == 0)
            {
                return list;
            }

            list.Add(b[p..(p + n)]);
            p += n;
        }
    }

    private static int U16(byte[] b, int p) => b[p] | (b[p + 1] << 8);
}
