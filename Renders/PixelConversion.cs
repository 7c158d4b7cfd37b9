using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace RlFramework.Renders;

/// <summary>Row-wise conversions between Skia's 32-bit BGRA pixels (B,G,R,A/X bytes on little-endian) and packed RGB24.</summary>
internal static unsafe class PixelConversion
{
    /// <summary>Which code path converts the pixels; tests force each one.</summary>
    internal enum Path
    {
        /// <summary>Best available on this CPU.</summary>
        Auto,

        /// <summary>x86 SSSE3 byte shuffles.</summary>
        Ssse3,

        /// <summary>Portable Vector128.Shuffle (hardware-accelerated on ARM64 and x86).</summary>
        Portable,

        /// <summary>One pixel at a time.</summary>
        Scalar,
    }

    // For 16 pixels (4 source vectors of 4 pixels) → 48 output bytes (3 output vectors):
    // Masks[m * 4 + k] picks from source vector k the bytes that land in output vector m (0x80 = zero).
    private static readonly Vector128<byte>[] Masks = BuildMasks();

    private static readonly Vector128<byte> M00 = Masks[0];
    private static readonly Vector128<byte> M01 = Masks[1];
    private static readonly Vector128<byte> M11 = Masks[5];
    private static readonly Vector128<byte> M12 = Masks[6];
    private static readonly Vector128<byte> M22 = Masks[10];
    private static readonly Vector128<byte> M23 = Masks[11];

    /// <summary>Converts <paramref name="height"/> rows of 32-bit BGRA/BGRX pixels into tightly packed RGB bytes.</summary>
    /// <param name="src">First source byte.</param>
    /// <param name="srcStride">Bytes between source rows (the bitmap's row bytes, ≥ 4·width).</param>
    /// <param name="dst">Destination, at least width·height·3 bytes.</param>
    /// <param name="width">Pixels per row.</param>
    /// <param name="height">Rows.</param>
    /// <param name="path">Forced code path (tests); Auto picks the fastest.</param>
    internal static void BgraToRgb(byte* src, int srcStride, Span<byte> dst, int width, int height, Path path = Path.Auto)
    {
        if (srcStride < width * 4)
        {
            throw new ArgumentOutOfRangeException(nameof(srcStride), srcStride, $"Stride must be at least 4 × width = {width * 4} bytes.");
        }

        var rowBytes = width * 3;
        if (dst.Length < rowBytes * height)
        {
            throw new ArgumentException($"Destination has {dst.Length} bytes but {width}×{height}×3 = {rowBytes * height} are needed.", nameof(dst));
        }

        if (path == Path.Auto)
        {
            path = Ssse3.IsSupported ? Path.Ssse3 : Vector128.IsHardwareAccelerated ? Path.Portable : Path.Scalar;
        }

        fixed (byte* d0 = dst)
        {
            for (var y = 0; y < height; y++)
            {
                var s = src + ((long)y * srcStride);
                var d = d0 + ((long)y * rowBytes);
                var x = path switch
                {
                    Path.Ssse3 => RowSsse3(s, d, width),
                    Path.Portable => RowPortable(s, d, width),
                    _ => 0,
                };
                for (; x < width; x++)
                {
                    d[(x * 3) + 0] = s[(x * 4) + 2];
                    d[(x * 3) + 1] = s[(x * 4) + 1];
                    d[(x * 3) + 2] = s[(x * 4) + 0];
                }
            }
        }
    }

    /// <summary>Converts packed RGB rows into 32-bit BGRX pixels (X = 255) with the given destination stride.</summary>
    internal static void RgbToBgrx(ReadOnlySpan<byte> src, byte* dst, int dstStride, int width, int height)
    {
        var rowBytes = width * 3;
        fixed (byte* s0 = src)
        {
            for (var y = 0; y < height; y++)
            {
                var s = s0 + ((long)y * rowBytes);
                var d = (uint*)(dst + ((long)y * dstStride));
                for (var x = 0; x < width; x++)
                {
                    d[x] = 0xFF000000u | ((uint)s[x * 3] << 16) | ((uint)s[(x * 3) + 1] << 8) | s[(x * 3) + 2];
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int RowSsse3(byte* s, byte* d, int width)
    {
        if (!Ssse3.IsSupported)
        {
            return 0;
        }

        var x = 0;
        for (; x + 16 <= width; x += 16)
        {
            var p = s + (x * 4);
            var v0 = Sse2.LoadVector128(p);
            var v1 = Sse2.LoadVector128(p + 16);
            var v2 = Sse2.LoadVector128(p + 32);
            var v3 = Sse2.LoadVector128(p + 48);
            var q = d + (x * 3);
            Sse2.Store(q, Sse2.Or(Ssse3.Shuffle(v0, M00), Ssse3.Shuffle(v1, M01)));
            Sse2.Store(q + 16, Sse2.Or(Ssse3.Shuffle(v1, M11), Ssse3.Shuffle(v2, M12)));
            Sse2.Store(q + 32, Sse2.Or(Ssse3.Shuffle(v2, M22), Ssse3.Shuffle(v3, M23)));
        }

        return x;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int RowPortable(byte* s, byte* d, int width)
    {
        var x = 0;
        for (; x + 16 <= width; x += 16)
        {
            var p = s + (x * 4);
            var v0 = Vector128.Load(p);
            var v1 = Vector128.Load(p + 16);
            var v2 = Vector128.Load(p + 32);
            var v3 = Vector128.Load(p + 48);
            var q = d + (x * 3);
            (Vector128.Shuffle(v0, M00) | Vector128.Shuffle(v1, M01)).Store(q);
            (Vector128.Shuffle(v1, M11) | Vector128.Shuffle(v2, M12)).Store(q + 16);
            (Vector128.Shuffle(v2, M22) | Vector128.Shuffle(v3, M23)).Store(q + 32);
        }

        return x;
    }

    private static Vector128<byte>[] BuildMasks()
    {
        var masks = new Vector128<byte>[12];
        Span<byte> bytes = stackalloc byte[16];
        for (var m = 0; m < 3; m++)
        {
            for (var k = 0; k < 4; k++)
            {
                for (var i = 0; i < 16; i++)
                {
                    var o = (m * 16) + i;           // output byte
                    var pixel = o / 3;
                    var channel = o % 3;            // 0 = R, 1 = G, 2 = B
                    var srcByte = (pixel * 4) + (2 - channel);
                    bytes[i] = srcByte / 16 == k ? (byte)(srcByte % 16) : (byte)0x80;
                }

                masks[(m * 4) + k] = Vector128.Create((ReadOnlySpan<byte>)bytes);
            }
        }

        return masks;
    }
}
