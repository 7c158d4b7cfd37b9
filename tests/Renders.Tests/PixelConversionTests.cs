using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace RlFramework.Renders.Tests;

public class PixelConversionTests
{
    [Property(MaxTest = 200)]
    public Property AllPathsMatchTheDefinition(PositiveInt w, PositiveInt h, NonNegativeInt pad, int seed)
    {
        var width = (w.Get % 70) + 1;
        var height = (h.Get % 6) + 1;
        var stride = (width + (pad.Get % 4)) * 4;
        var src = new byte[stride * height];
        new Random(seed).NextBytes(src);
        var expected = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var s = (y * stride) + (x * 4);
                var d = ((y * width) + x) * 3;
                expected[d] = src[s + 2];
                expected[d + 1] = src[s + 1];
                expected[d + 2] = src[s];
            }
        }

        var ok = true;
        foreach (var path in Enum.GetValues<PixelConversion.Path>())
        {
            var dst = new byte[expected.Length + 16];
            dst.AsSpan(expected.Length).Fill(0xAB); // guard bytes must stay untouched
            unsafe
            {
                fixed (byte* p = src)
                {
                    PixelConversion.BgraToRgb(p, stride, dst, width, height, path);
                }
            }

            ok &= dst.AsSpan(0, expected.Length).SequenceEqual(expected) && dst.AsSpan(expected.Length).IndexOfAnyExcept((byte)0xAB) < 0;
        }

        return ok.Label($"{width}×{height} stride {stride}");
    }

    [Fact]
    public void RgbToBgrxIsTheInverse()
    {
        var rgb = new byte[5 * 2 * 3];
        new Random(1).NextBytes(rgb);
        var stride = 24;
        var bgrx = new byte[stride * 2];
        var back = new byte[rgb.Length];
        unsafe
        {
            fixed (byte* p = bgrx)
            {
                PixelConversion.RgbToBgrx(rgb, p, stride, 5, 2);
                PixelConversion.BgraToRgb(p, stride, back, 5, 2);
            }
        }

        Assert.Equal(rgb, back);
        Assert.Equal(255, bgrx[3]);
    }
}
