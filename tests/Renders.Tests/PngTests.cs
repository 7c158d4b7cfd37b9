using RlFramework.Renders.Tests.Support;

namespace RlFramework.Renders.Tests;

public class PngTests
{
    [Fact]
    public void SaveThenLoadIsLossless()
    {
        using var dir = new TempDir();
        var f = new Frame(37, 23);
        new Random(7).NextBytes(f.Data);
        var path = dir.File("sub/dir/a.png");
        f.SavePng(path);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, File.ReadAllBytes(path)[..4]);
        var g = Frame.LoadPng(path);
        Assert.True(g.ContentEquals(f));
        Assert.Equal(["a.png"], Directory.GetFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName));
    }

    [Fact]
    public void SaveOverwritesAtomically()
    {
        using var dir = new TempDir();
        var path = dir.File("x.png");
        var a = new Frame(4, 4);
        a.Fill(Color.White);
        a.SavePng(path);
        var b = new Frame(8, 2);
        b.SavePng(path);
        Assert.Equal(8, Frame.LoadPng(path).Width);
        Assert.Equal(["x.png"], dir.Entries());
    }

    [Fact]
    public void CanvasPngKeepsAlphaAndLoadsOverBlack()
    {
        using var dir = new TempDir();
        using var c = new Canvas(3, 1, transparent: true);
        c.Clear(Color.Transparent);
        c.FillRectangle(0, 0, 1, 1, new Color(0, 255, 0));
        c.Save();
        c.SavePng(dir.File("c.png"));
        c.Restore();
        var bytes = File.ReadAllBytes(dir.File("c.png"));
        Assert.Equal(6, bytes[25]); // IHDR colour type 6 = RGBA
        var f = Frame.LoadPng(dir.File("c.png"));
        Assert.Equal(new Color(0, 255, 0), f.GetPixel(0, 0));
        Assert.Equal(Color.Black, f.GetPixel(2, 0));
    }

    [Fact]
    public void NotAPngGivesAClearError()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("bad.png"), "this is not a png");
        var e = Assert.Throws<InvalidDataException>(() => Frame.LoadPng(dir.File("bad.png")));
        Assert.Contains("bad.png", e.Message);
        Assert.Throws<FileNotFoundException>(() => Frame.LoadPng(dir.File("missing.png")));
    }

    [Fact]
    public void FixturePngLoads()
    {
        // 2×2 RGB PNG made by an independent writer (Python zlib): red, green / blue, white.
        var f = Frame.LoadPng(Path.Combine(AppContext.BaseDirectory, "Fixtures", "rgb2x2.png"));
        Assert.Equal(new Color(255, 0, 0), f.GetPixel(0, 0));
        Assert.Equal(new Color(0, 255, 0), f.GetPixel(1, 0));
        Assert.Equal(new Color(0, 0, 255), f.GetPixel(0, 1));
        Assert.Equal(Color.White, f.GetPixel(1, 1));
    }
}
