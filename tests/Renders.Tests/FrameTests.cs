namespace RlFramework.Renders.Tests;

public class FrameTests
{
    [Fact]
    public void LayoutIsRowMajorRgb()
    {
        var f = new Frame(4, 3);
        Assert.Equal(36, f.Data.Length);
        Assert.Equal((3, 4, 3), f.Shape);
        f.SetPixel(2, 1, new Color(10, 20, 30));
        var i = ((1 * 4) + 2) * 3;
        Assert.Equal(new byte[] { 10, 20, 30 }, f.Data[i..(i + 3)]);
        Assert.Equal(new Color(10, 20, 30), f.GetPixel(2, 1));
        Assert.Equal(12, f.Row(2).Length);
    }

    [Fact]
    public void FillSetsEveryPixel()
    {
        var f = new Frame(5, 7);
        f.Fill(new Color(1, 2, 3));
        for (var y = 0; y < 7; y++)
        {
            for (var x = 0; x < 5; x++)
            {
                Assert.Equal(new Color(1, 2, 3), f.GetPixel(x, y));
            }
        }

        f.Fill(new Color(9, 9, 9));
        Assert.All(f.Data, b => Assert.Equal(9, b));
    }

    [Theory]
    [InlineData(0, 5)]
    [InlineData(-3, 5)]
    [InlineData(5, -1)]
    [InlineData(40000, 5)]
    public void BadSizeNamesTheValue(int w, int h)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new Frame(w, h));
        Assert.Contains((w <= 0 || w > 32767 ? w : h).ToString(), e.Message);
    }

    [Fact]
    public void WrongDataLengthNamesBothLengths()
    {
        var e = Assert.Throws<ArgumentException>(() => new Frame(4, 3, new byte[35]));
        Assert.Contains("36", e.Message);
        Assert.Contains("35", e.Message);
    }

    [Fact]
    public void OutOfRangePixelThrows()
    {
        var f = new Frame(4, 3);
        Assert.Throws<ArgumentOutOfRangeException>(() => f.GetPixel(4, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => f.GetPixel(0, -1));
    }

    [Fact]
    public void CloneAndCopyAreDeep()
    {
        var f = new Frame(3, 2);
        f.SetPixel(1, 1, Color.White);
        var g = f.Clone();
        Assert.True(g.ContentEquals(f));
        g.SetPixel(0, 0, Color.White);
        Assert.False(g.ContentEquals(f));
        var h = new Frame(3, 2);
        f.CopyTo(h);
        Assert.True(h.ContentEquals(f));
        var e = Assert.Throws<ArgumentException>(() => f.CopyTo(new Frame(2, 3)));
        Assert.Contains("2×3", e.Message);
        Assert.Contains("3×2", e.Message);
    }
}
