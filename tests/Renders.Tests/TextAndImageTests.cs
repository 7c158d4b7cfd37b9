using RlFramework.Renders.Plots;
using RlFramework.Renders.Text;
using SkiaSharp;

namespace RlFramework.Renders.Tests;

/// <summary>Text in the bundled font, frames drawn onto a canvas, PNG in memory, and ScottPlot plots with the bundled fonts.</summary>
public class TextAndImageTests
{
    [Fact]
    public void TextUsesTheBundledFaceNotASystemFont()
    {
        Assert.Equal(BundledFonts.FamilyName, BundledFonts.Typeface(bold: false).FamilyName);
        Assert.Equal(BundledFonts.FamilyName, BundledFonts.Typeface(bold: true).FamilyName);
        Assert.True(BundledFonts.Typeface(bold: true).FontStyle.Weight > BundledFonts.Typeface(bold: false).FontStyle.Weight);
        // Canvas text equals text drawn by Skia directly with the bundled face; it changes pixels; bold differs from regular.
        using var canvas = new Canvas(160, 40);
        canvas.Clear(Color.White);
        var blank = canvas.ToFrame();
        canvas.DrawText("Return 42", 4, 28, 20, Color.Black);
        var regular = canvas.ToFrame();
        Assert.False(regular.ContentEquals(blank), "DrawText changed no pixel");
        using var bitmap = new SKBitmap(new SKImageInfo(160, 40, SKColorType.Bgra8888, SKAlphaType.Opaque));
        using (var direct = new SKCanvas(bitmap))
        using (var font = new SKFont(BundledFonts.Typeface(bold: false), 20) { Edging = SKFontEdging.Antialias, Subpixel = true })
        using (var paint = new SKPaint { Color = SKColors.Black, IsAntialias = true })
        {
            direct.Clear(SKColors.White);
            direct.DrawText("Return 42", 4, 28, SKTextAlign.Left, font, paint);
        }
        Assert.True(BitmapFrame(bitmap).ContentEquals(regular), "Canvas text differs from Skia's with the bundled face");
        canvas.Clear(Color.White);
        canvas.DrawText("Return 42", 4, 28, 20, Color.Black, bold: true);
        Assert.False(canvas.ToFrame().ContentEquals(regular), "bold text looks like regular text");
        Assert.True(canvas.MeasureText("Return 42", 20, bold: true).Width > canvas.MeasureText("Return 42", 20).Width);
    }

    [Fact]
    public void DrawFrameScalesByNearestNeighbourUnderTheTransform()
    {
        var small = new Frame(2, 1);
        small.SetPixel(0, 0, new Color(255, 0, 0));
        small.SetPixel(1, 0, new Color(0, 0, 255));
        using var canvas = new Canvas(20, 10);
        canvas.Clear(Color.White);
        canvas.Translate(4, 2);
        canvas.DrawFrame(small, 0, 0, scale: 3);
        var f = canvas.ToFrame();
        Assert.Equal(new Color(255, 0, 0), f.GetPixel(4, 2));
        Assert.Equal(new Color(255, 0, 0), f.GetPixel(6, 4));
        Assert.Equal(new Color(0, 0, 255), f.GetPixel(7, 2));
        Assert.Equal(new Color(0, 0, 255), f.GetPixel(9, 4));
        Assert.Equal(Color.White, f.GetPixel(10, 2));
        Assert.Equal(Color.White, f.GetPixel(4, 5));
        Assert.Contains("0", Assert.Throws<ArgumentOutOfRangeException>(() => canvas.DrawFrame(small, 0, 0, scale: 0)).Message);
    }

    [Fact]
    public void PngInMemoryRoundTripsAndRejectsOtherData()
    {
        var f = new Frame(13, 7);
        new Random(3).NextBytes(f.Data);
        var bytes = Png.Encode(f);
        Assert.Equal(2, bytes[25]); // IHDR colour type 2 = RGB
        Assert.True(Png.Decode(bytes).ContentEquals(f));
        Assert.Contains("PNG", Assert.Throws<InvalidDataException>(() => Png.Decode("GIF89a not really"u8.ToArray())).Message);
        Assert.Contains("truncated", Assert.Throws<InvalidDataException>(() => Png.Decode(bytes[..(bytes.Length / 2)])).Message);
    }

    [Fact]
    public void PlotsHaveTitleAndAxisLabelsInTheBundledFont()
    {
        var plot = Charts.Create("Title", "x label (s)", "y label (m)");
        Charts.AddLine(plot, [0, 1, 2], [0, 1, 4], "line", Charts.SeriesColor(0));
        Charts.FitX(plot, 0, 2);
        var withText = Png.Decode(Charts.ToPng(plot, 400, 300));
        // Without a registered bold face ScottPlot silently drops the title; without the regular one, every other text.
        static int Ink(Frame f, int left, int top, int width, int height) =>
            Enumerable.Range(top, height).Sum(y => Enumerable.Range(left, width).Count(x => f.GetPixel(x, y).R < 100));
        Assert.True(Ink(withText, 0, 0, 400, 30) > 40, "no bold title drawn");
        Assert.True(Ink(withText, 0, 270, 400, 30) > 40, "no x-axis label drawn");
        Assert.True(Ink(withText, 0, 0, 22, 300) > 40, "no y-axis label drawn");
        Assert.Throws<ArgumentException>(() => Charts.AddLine(plot, [0, 1], [0], "bad", Charts.SeriesColor(1)));
        Assert.Throws<ArgumentException>(() => Charts.FitX(plot, 2, 1));
    }

    private static unsafe Frame BitmapFrame(SKBitmap bitmap)
    {
        var frame = new Frame(bitmap.Width, bitmap.Height);
        PixelConversion.BgraToRgb((byte*)bitmap.GetPixels(), bitmap.RowBytes, frame.Data, bitmap.Width, bitmap.Height);
        return frame;
    }
}
