using RlFramework.Renders.Tests.Support;

namespace RlFramework.Renders.Tests;

public class CanvasTests
{
    private static readonly Color Red = new(255, 0, 0);

    private static Canvas Hard(int w = 100, int h = 80)
    {
        var c = new Canvas(w, h) { Antialias = false };
        c.Clear(Color.White);
        return c;
    }

    [Fact]
    public void ClearFillsEveryPixel()
    {
        using var c = new Canvas(37, 11);
        c.Clear(new Color(12, 34, 56));
        var f = c.ToFrame();
        for (var i = 0; i < f.Data.Length; i += 3)
        {
            Assert.Equal(new byte[] { 12, 34, 56 }, f.Data[i..(i + 3)]);
        }
    }

    [Fact]
    public void FilledRectangleCoversExactlyItsPixels()
    {
        using var c = Hard();
        c.FillRectangle(10, 20, 30, 40, Red);
        var f = c.ToFrame();
        for (var y = 0; y < 80; y++)
        {
            for (var x = 0; x < 100; x++)
            {
                var inside = x >= 10 && x < 40 && y >= 20 && y < 60;
                Assert.Equal(inside ? Red : Color.White, f.GetPixel(x, y));
            }
        }
    }

    [Fact]
    public void StrokedRectangleIsHollow()
    {
        using var c = Hard();
        c.StrokeRectangle(10.5, 10.5, 20, 20, Red, 1);
        var f = c.ToFrame();
        Assert.Equal(Red, f.GetPixel(10, 10));
        Assert.Equal(Red, f.GetPixel(30, 20));
        Assert.Equal(Color.White, f.GetPixel(20, 20));
        Assert.Equal(Color.White, f.GetPixel(32, 20));
    }

    [Fact]
    public void CircleAreaIsPiRSquared()
    {
        using var c = Hard(100, 100);
        c.FillCircle(50, 50, 20, Red);
        var f = c.ToFrame();
        var n = 0;
        for (var y = 0; y < 100; y++)
        {
            for (var x = 0; x < 100; x++)
            {
                var px = f.GetPixel(x, y);
                if (px == Red)
                {
                    n++;
                    var dx = x + 0.5 - 50;
                    var dy = y + 0.5 - 50;
                    Assert.True((dx * dx) + (dy * dy) <= 21 * 21, $"pixel ({x},{y}) outside the circle is red");
                }
                else
                {
                    Assert.Equal(Color.White, px);
                }
            }
        }

        Assert.InRange(n, Math.PI * 400 * 0.97, Math.PI * 400 * 1.03);
        Assert.Equal(Red, f.GetPixel(50, 50));
    }

    [Fact]
    public void AntialiasingMakesIntermediateColours()
    {
        using var c = new Canvas(60, 60);
        c.Clear(Color.White);
        c.FillCircle(30, 30, 17.3, Color.Black);
        var soft = c.ToFrame();
        c.Antialias = false;
        c.Clear(Color.White);
        c.FillCircle(30, 30, 17.3, Color.Black);
        var hard = c.ToFrame();
        Assert.True(soft.Data.Any(b => b is > 0 and < 255), "anti-aliased circle has grey edge pixels");
        Assert.All(hard.Data, b => Assert.True(b is 0 or 255));
        Assert.False(c.Antialias);
    }

    [Fact]
    public void HorizontalLineCoversItsRows()
    {
        using var c = Hard();
        c.DrawLine(10, 30, 90, 30, Red, 2);
        var f = c.ToFrame();
        Assert.Equal(Red, f.GetPixel(50, 29));
        Assert.Equal(Red, f.GetPixel(50, 30));
        Assert.Equal(Color.White, f.GetPixel(50, 28));
        Assert.Equal(Color.White, f.GetPixel(50, 31));
        Assert.Equal(Color.White, f.GetPixel(5, 30));
        Assert.Equal(Color.White, f.GetPixel(95, 30));
    }

    [Fact]
    public void PolygonAndPolylineAndPath()
    {
        using var c = Hard();
        c.FillPolygon([(10, 10), (50, 10), (10, 50)], Red);
        var f = c.ToFrame();
        Assert.Equal(Red, f.GetPixel(15, 15));
        Assert.Equal(Color.White, f.GetPixel(45, 45));

        c.Clear(Color.White);
        c.DrawPolyline([(0, 5.5), (50.5, 5.5), (50.5, 70)], Color.Black, 1);
        c.StrokePolygon([(60, 60), (90, 60), (90, 75)], Red, 1);
        f = c.ToFrame();
        Assert.Equal(Color.Black, f.GetPixel(20, 5));
        Assert.Equal(Color.Black, f.GetPixel(50, 40));
        Assert.Equal(Color.White, f.GetPixel(20, 40));

        c.Clear(Color.White);
        var path = new CanvasPath().MoveTo(10, 10).LineTo(60, 10).CurveTo(70, 30, 70, 50, 60, 70).LineTo(10, 70).Close();
        c.FillPath(path, Red);
        f = c.ToFrame();
        Assert.Equal(Red, f.GetPixel(62, 40));
        Assert.Equal(Color.White, f.GetPixel(75, 40));
        c.Clear(Color.White);
        c.StrokePath(new CanvasPath().Arc(50, 40, 20, 0, Math.PI), Red, 2);
        f = c.ToFrame();
        Assert.Equal(Red, f.GetPixel(50, 60));
        Assert.Equal(Color.White, f.GetPixel(50, 20));
        Assert.Equal(5, path.Count);
    }

    [Fact]
    public void TransformsMoveRotateAndScale()
    {
        using var c = Hard();
        c.Save();
        c.Translate(50, 40);
        c.Rotate(Math.PI / 2); // +x now points down
        c.FillRectangle(0, -2, 30, 4, Red); // a bar pointing along +x
        c.Restore();
        var f = c.ToFrame();
        Assert.Equal(Red, f.GetPixel(50, 60));  // below the origin
        Assert.Equal(Color.White, f.GetPixel(70, 40)); // not to the right

        c.Clear(Color.White);
        c.Save();
        c.Scale(2, 3);
        c.FillRectangle(10, 10, 5, 5, Red);
        c.Restore();
        c.FillRectangle(0, 0, 2, 2, Color.Black); // identity again after Restore
        f = c.ToFrame();
        Assert.Equal(Red, f.GetPixel(20, 30));
        Assert.Equal(Red, f.GetPixel(29, 44));
        Assert.Equal(Color.White, f.GetPixel(30, 44));
        Assert.Equal(Color.White, f.GetPixel(29, 45));
        Assert.Equal(Color.Black, f.GetPixel(1, 1));
        Assert.Equal(Color.White, f.GetPixel(2, 2));

        c.Translate(10, 10);
        c.ResetTransform();
        c.FillRectangle(0, 0, 1, 1, Red);
        Assert.Equal(Red, c.ToFrame().GetPixel(0, 0));
    }

    [Fact]
    public void RestoreBringsBackAntialiasAndRejectsUnbalanced()
    {
        using var c = new Canvas(10, 10);
        c.Save();
        c.Antialias = false;
        c.Restore();
        Assert.True(c.Antialias);
        var e = Assert.Throws<InvalidOperationException>(() => c.Restore());
        Assert.Contains("Save", e.Message);
    }

    [Fact]
    public void TextDrawsInkNearTheBaselineAndMeasures()
    {
        using var c = new Canvas(200, 60);
        c.Clear(Color.White);
        c.DrawText("Hello", 10, 40, 24, Color.Black);
        var f = c.ToFrame();
        int minX = int.MaxValue, maxX = -1, minY = int.MaxValue, maxY = -1;
        for (var y = 0; y < 60; y++)
        {
            for (var x = 0; x < 200; x++)
            {
                if (f.GetPixel(x, y).R < 128)
                {
                    minX = Math.Min(minX, x);
                    maxX = Math.Max(maxX, x);
                    minY = Math.Min(minY, y);
                    maxY = Math.Max(maxY, y);
                }
            }
        }

        Assert.True(maxX > 0, "text left dark pixels (needs a font; fontconfig found none?)");
        Assert.InRange(minX, 8, 14);
        Assert.InRange(maxY, 36, 41); // baseline at 40, no descenders in "Hello"
        Assert.InRange(minY, 15, 25);
        var (w5, h5) = c.MeasureText("Hello", 24);
        var (w10, _) = c.MeasureText("HelloHello", 24);
        Assert.InRange(w5, maxX - minX, maxX - minX + 10);
        Assert.InRange(w10, (2 * w5) - 1, (2 * w5) + 1);
        Assert.True(h5 > 10);
    }

    [Fact]
    public void ReusableFrameAndSizeMismatch()
    {
        using var c = new Canvas(30, 20);
        var frame = new Frame(30, 20);
        c.Clear(Red);
        c.CopyTo(frame);
        Assert.Equal(Red, frame.GetPixel(29, 19));
        c.Clear(Color.Black);
        c.CopyTo(frame);
        Assert.Equal(Color.Black, frame.GetPixel(29, 19));
        var e = Assert.Throws<ArgumentException>(() => c.CopyTo(new Frame(20, 30)));
        Assert.Contains("20×30", e.Message);
        Assert.Contains("30×20", e.Message);
    }

    [Fact]
    public void TransparentCanvasIsCompositedOverBlack()
    {
        using var c = new Canvas(4, 4, transparent: true);
        Assert.True(c.IsTransparent);
        c.Clear(Color.Transparent);
        c.FillRectangle(0, 0, 2, 4, new Color(255, 0, 0, 128));
        var f = c.ToFrame();
        Assert.Equal(new Color(128, 0, 0), f.GetPixel(0, 0));
        Assert.Equal(Color.Black, f.GetPixel(3, 3));
    }

    [Fact]
    public void BadArgumentsNameTheValue()
    {
        Assert.Contains("-5", Assert.Throws<ArgumentOutOfRangeException>(() => new Canvas(-5, 10)).Message);
        using var c = new Canvas(10, 10);
        Assert.Contains("-1", Assert.Throws<ArgumentOutOfRangeException>(() => c.FillCircle(1, 1, -1, Red)).Message);
        Assert.Contains("0", Assert.Throws<ArgumentOutOfRangeException>(() => c.DrawLine(0, 0, 1, 1, Red, 0)).Message);
        Assert.Contains("0", Assert.Throws<ArgumentOutOfRangeException>(() => c.Scale(0, 1)).Message);
        Assert.Contains("NaN", Assert.Throws<ArgumentOutOfRangeException>(() => c.Rotate(double.NaN)).Message);
        Assert.Contains("2", Assert.Throws<ArgumentException>(() => c.FillPolygon([(0, 0), (1, 1)], Red)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => c.DrawText("x", 0, 0, 0, Red));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CanvasPath().LineTo(double.PositiveInfinity, 0));
        Assert.Contains("NaN", Assert.Throws<ArgumentOutOfRangeException>(() => c.FillRectangle(double.NaN, 0, 1, 1, Red)).Message);
        Assert.Contains("Point 1", Assert.Throws<ArgumentOutOfRangeException>(() => c.DrawPolyline([(0, 0), (double.NaN, 1)], Red)).Message);
        c.Clear(Red); // still usable after rejected input
        Assert.Equal(Red, c.ToFrame().GetPixel(0, 0));
    }

    [Fact]
    public void DisposeTwiceAndUseAfterDispose()
    {
        var c = new Canvas(10, 10);
        c.Dispose();
        c.Dispose();
        Assert.Throws<ObjectDisposedException>(() => c.Clear(Red));
        Assert.Throws<ObjectDisposedException>(() => c.ToFrame());
    }

    [Fact]
    public void CartPoleScenePutsCartAndPoleWhereExpected()
    {
        using var c = new Canvas(600, 400);
        Scenes.CartPole(c, 0.8, 0);
        var f = c.ToFrame();
        // cart centre x = 0.8·125 + 300 = 400, y = 300; pole straight up from the axle at y = 292.5.
        Assert.Equal(Color.Black, f.GetPixel(400 - 20, 300));
        Assert.Equal(new Color(202, 152, 101), f.GetPixel(400, 200));
        Assert.Equal(new Color(129, 132, 203), f.GetPixel(400, 292));
        Assert.Equal(Color.White, f.GetPixel(300, 200));
        Scenes.CartPole(c, 0, Math.PI / 2); // pole tipped to the right, horizontal
        f = c.ToFrame();
        Assert.Equal(new Color(202, 152, 101), f.GetPixel(300 + 100, 292));
        Assert.Equal(Color.White, f.GetPixel(300, 200));
    }
}
