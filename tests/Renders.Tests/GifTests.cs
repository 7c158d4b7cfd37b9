using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using RlFramework.Renders.Tests.Support;
using RlFramework.Renders.Video;

namespace RlFramework.Renders.Tests;

public class GifTests
{
    private static List<Frame> CartPoleFrames(int n, bool antialias)
    {
        using var c = new Canvas(600, 400) { Antialias = antialias };
        var frames = new List<Frame>();
        for (var i = 0; i < n; i++)
        {
            Scenes.CartPole(c, -1 + (0.05 * i), -0.3 + (0.07 * i));
            frames.Add(c.ToFrame());
        }

        return frames;
    }

    private static void AssertSameFrames(IReadOnlyList<Frame> expected, IReadOnlyList<byte[]> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.True(expected[i].Data.AsSpan().SequenceEqual(actual[i]), $"frame {i} differs");
        }
    }

    [Fact]
    public void CartPoleEpisodeDecodesToTheSameFrames()
    {
        using var dir = new TempDir();
        var frames = CartPoleFrames(12, antialias: false);
        frames.Insert(5, frames[4].Clone()); // an unchanged frame still counts
        var path = dir.File("episode.gif");
        using (var w = VideoWriter.Open(path, 600, 400, 50))
        {
            Assert.IsType<GifVideoWriter>(w);
            foreach (var f in frames)
            {
                w.WriteFrame(f);
            }

            Assert.False(File.Exists(path)); // only a temp file while writing
            Assert.Equal(13, w.FrameCount);
        }

        var gif = GifDecoder.Read(path);
        Assert.Equal("GIF89a", gif.Signature);
        Assert.Equal((600, 400), (gif.Width, gif.Height));
        Assert.Equal(0, gif.LoopCount);
        Assert.Equal(13, gif.Images.Count);
        Assert.All(gif.Images, im => Assert.Equal(2, im.DelayCs)); // 50 fps = 2 cs
        AssertSameFrames(frames, gif.Composite());
        Assert.Equal(["episode.gif"], dir.Entries());
    }

    [Fact]
    public void AntialiasedFramesKeepTheirColoursExactly()
    {
        using var dir = new TempDir();
        var frames = CartPoleFrames(6, antialias: true);
        var path = dir.File("aa.gif");
        using (var w = new GifVideoWriter(path, 600, 400, 30))
        {
            frames.ForEach(w.WriteFrame);
        }

        AssertSameFrames(frames, GifDecoder.Read(path).Composite());
    }

    [Fact]
    public void ManyColoursAreQuantisedCloselyWithMedianCut()
    {
        using var dir = new TempDir();
        var f = new Frame(64, 64);
        for (var y = 0; y < 64; y++)
        {
            for (var x = 0; x < 64; x++)
            {
                f.SetPixel(x, y, new Color((byte)(x * 4), (byte)(y * 4), (byte)((x + y) * 2)));
            }
        }

        var path = dir.File("gradient.gif");
        using (var w = new GifVideoWriter(path, 64, 64, 10))
        {
            w.WriteFrame(f);
        }

        var gif = GifDecoder.Read(path);
        Assert.Equal(256, gif.GlobalPalette!.Length / 3);
        var decoded = gif.Composite()[0];
        var maxErr = 0;
        long sumErr = 0;
        for (var i = 0; i < decoded.Length; i++)
        {
            var err = Math.Abs(decoded[i] - f.Data[i]);
            maxErr = Math.Max(maxErr, err);
            sumErr += err;
        }

        Assert.True(maxErr <= 16, $"max channel error {maxErr}");
        Assert.True(sumErr / (double)decoded.Length <= 4, $"mean channel error {sumErr / (double)decoded.Length}");
    }

    [Theory]
    [InlineData(30, new[] { 3, 4, 3, 3, 4, 3 })]
    [InlineData(50, new[] { 2, 2, 2, 2, 2, 2 })]
    [InlineData(24, new[] { 4, 4, 5, 4, 4, 4 })]
    [InlineData(1, new[] { 100, 100, 100, 100, 100, 100 })]
    public void DelaysFollowFpsWithExactRunningTotal(double fps, int[] expected)
    {
        using var dir = new TempDir();
        var path = dir.File("d.gif");
        using (var w = new GifVideoWriter(path, 4, 4, fps))
        {
            for (var i = 0; i < expected.Length; i++)
            {
                var f = new Frame(4, 4);
                f.Fill(new Color((byte)(i * 40), 0, 0));
                w.WriteFrame(f);
            }
        }

        var delays = GifDecoder.Read(path).Images.Select(im => im.DelayCs).ToArray();
        Assert.Equal(expected, delays);
        Assert.Equal(Math.Round(100.0 * expected.Length / fps, MidpointRounding.AwayFromZero), delays.Sum());
    }

    [Fact]
    public void LoopCountOptions()
    {
        using var dir = new TempDir();
        var f = new Frame(2, 2);
        using (var w = VideoWriter.Open(dir.File("a.gif"), 2, 2, 10, new VideoWriterOptions { GifLoopCount = 3 }))
        {
            w.WriteFrame(f);
        }

        using (var w = VideoWriter.Open(dir.File("b.gif"), 2, 2, 10, new VideoWriterOptions { GifLoopCount = null }))
        {
            w.WriteFrame(f);
        }

        Assert.Equal(3, GifDecoder.Read(dir.File("a.gif")).LoopCount);
        Assert.Null(GifDecoder.Read(dir.File("b.gif")).LoopCount);
    }

    [Fact]
    public void NewColoursLaterGetALocalPalette()
    {
        using var dir = new TempDir();
        var a = new Frame(8, 8);
        a.Fill(Color.White);
        var b = a.Clone();
        b.SetPixel(3, 3, new Color(1, 2, 3));
        var c = b.Clone();
        c.SetPixel(3, 3, Color.White);
        var path = dir.File("p.gif");
        using (var w = new GifVideoWriter(path, 8, 8, 10))
        {
            w.WriteFrame(a);
            w.WriteFrame(b);
            w.WriteFrame(c);
            Assert.Equal(1, w.LocalPaletteCount); // only b brings a colour the global table lacks
        }

        var gif = GifDecoder.Read(path);
        Assert.Null(gif.Images[0].LocalPalette);
        Assert.NotNull(gif.Images[1].LocalPalette);
        Assert.Null(gif.Images[2].LocalPalette);
        Assert.Equal((3, 3, 1, 1), (gif.Images[1].X, gif.Images[1].Y, gif.Images[1].W, gif.Images[1].H));
        AssertSameFrames([a, b, c], gif.Composite());
    }

    [Property(MaxTest = 60)]
    public Property LzwRoundTrips(PositiveInt length, PositiveInt alphabetBits, int seed)
    {
        var bits = (alphabetBits.Get % 8) + 1;
        var n = length.Get % 30000;
        var rng = new Random(seed);
        var data = new byte[n];
        var runs = rng.Next(2) == 0;
        for (var i = 0; i < n; i++)
        {
            data[i] = runs && i > 0 && rng.Next(4) != 0 ? data[i - 1] : (byte)rng.Next(1 << bits);
        }

        var min = Math.Max(2, bits);
        using var ms = new MemoryStream();
        new GifLzwEncoder().Encode(data, min, ms);
        var bytes = ms.ToArray();
        Assert.Equal(min, bytes[0]);
        var payload = new List<byte>();
        var p = 1;
        while (bytes[p] != 0)
        {
            payload.AddRange(bytes.AsSpan(p + 1, bytes[p]).ToArray());
            p += bytes[p] + 1;
        }

        Assert.Equal(bytes.Length - 1, p);
        var decoded = GifDecoder.Lzw([.. payload], min, n);
        return decoded.AsSpan().SequenceEqual(data).Label($"n={n} bits={bits}");
    }

    [Fact]
    public void StreamsToDiskWhileWriting()
    {
        using var dir = new TempDir();
        var path = dir.File("s.gif");
        var rng = new Random(3);
        using var w = new GifVideoWriter(path, 200, 200, 10);
        var f = new Frame(200, 200);
        for (var i = 0; i < 10; i++)
        {
            rng.NextBytes(f.Data);
            w.WriteFrame(f);
        }

        var temp = Directory.GetFiles(dir.Path).Single();
        Assert.NotEqual(path, temp);
        Assert.True(new FileInfo(temp).Length > 100_000, "encoded frames are on disk before Close");
        w.Close();
        Assert.Equal([Path.GetFileName(path)], dir.Entries());
    }

    [Fact]
    public void AbortAndEmptyCloseLeaveNothing()
    {
        using var dir = new TempDir();
        using (var w = new GifVideoWriter(dir.File("a.gif"), 4, 4, 10))
        {
            w.WriteFrame(new Frame(4, 4));
            w.Abort();
            Assert.True(w.IsClosed);
        }

        using (var w = new GifVideoWriter(dir.File("b.gif"), 4, 4, 10))
        {
        }

        Assert.Empty(dir.Entries());
    }

    [Fact]
    public void BadInputNamesTheValue()
    {
        using var dir = new TempDir();
        var p = dir.File("x.gif");
        Assert.Contains("-4", Assert.Throws<ArgumentOutOfRangeException>(() => VideoWriter.Open(p, -4, 4, 10)).Message);
        Assert.Contains("0", Assert.Throws<ArgumentOutOfRangeException>(() => VideoWriter.Open(p, 4, 4, 0)).Message);
        Assert.Contains("NaN", Assert.Throws<ArgumentOutOfRangeException>(() => VideoWriter.Open(p, 4, 4, double.NaN)).Message);
        Assert.Contains(".avi", Assert.Throws<ArgumentException>(() => VideoWriter.Open(dir.File("x.avi"), 4, 4, 10)).Message);
        using var w = VideoWriter.Open(p, 4, 4, 10);
        var e = Assert.Throws<ArgumentException>(() => w.WriteFrame(new Frame(5, 4)));
        Assert.Contains("5×4", e.Message);
        Assert.Contains("4×4", e.Message);
        w.WriteFrame(new Frame(4, 4));
        w.Close();
        Assert.Throws<ObjectDisposedException>(() => w.WriteFrame(new Frame(4, 4)));
    }

    [Fact]
    public void ExplicitFormatBeatsExtension()
    {
        using var dir = new TempDir();
        using var w = VideoWriter.Open(dir.File("clip.bin"), 4, 4, 10, VideoFormat.Gif);
        Assert.Equal(VideoFormat.Gif, w.Format);
        Assert.Equal(VideoFormat.Mp4, VideoWriter.FormatFromPath("A.MP4"));
        Assert.Equal(".gif", VideoWriter.Extension(VideoFormat.Gif));
        Assert.True(VideoWriter.IsAvailable(VideoFormat.Gif));
    }

    [FfmpegFact]
    public void FfmpegDecodesOurGifToTheSameFrames()
    {
        using var dir = new TempDir();
        var frames = CartPoleFrames(8, antialias: true);
        var path = dir.File("check.gif");
        using (var w = new GifVideoWriter(path, 600, 400, 50))
        {
            frames.ForEach(w.WriteFrame);
        }

        var raw = Tools.Run("ffmpeg", "-v", "error", "-i", path, "-fps_mode", "passthrough", "-f", "rawvideo", "-pix_fmt", "rgb24", "pipe:1");
        var size = 600 * 400 * 3;
        Assert.Equal(frames.Count * size, raw.Length);
        AssertSameFrames(frames, Enumerable.Range(0, frames.Count).Select(i => raw[(i * size)..((i + 1) * size)]).ToList());
    }
    [FfmpegFact]
    public void FfmpegDecodesRandomPaletteFramesExactly()
    {
        using var dir = new TempDir();
        var rng = new Random(11);
        var frames = new List<Frame>();
        foreach (var colours in new[] { 2, 3, 7, 16, 100, 256, 256, 5, 1 })
        {
            var palette = Enumerable.Range(0, colours).Select(_ => new Color((byte)rng.Next(256), (byte)rng.Next(256), (byte)rng.Next(256))).ToArray();
            var f = new Frame(200, 150);
            for (var y = 0; y < 150; y++)
            {
                for (var x = 0; x < 200; x++)
                {
                    f.SetPixel(x, y, palette[rng.Next(colours)]);
                }
            }

            frames.Add(f);
            var g = f.Clone();
            g.SetPixel(rng.Next(200), rng.Next(150), palette[rng.Next(colours)]);
            frames.Add(g);
        }

        var path = dir.File("noise.gif");
        using (var w = new GifVideoWriter(path, 200, 150, 20))
        {
            frames.ForEach(w.WriteFrame);
        }

        AssertSameFrames(frames, GifDecoder.Read(path).Composite());
        var raw = Tools.Run("ffmpeg", "-v", "error", "-i", path, "-fps_mode", "passthrough", "-f", "rawvideo", "-pix_fmt", "rgb24", "pipe:1");
        var size = 200 * 150 * 3; // 30,000 pixels a frame: the 4096-code LZW table fills and resets
        Assert.Equal(frames.Count * size, raw.Length);
        AssertSameFrames(frames, Enumerable.Range(0, frames.Count).Select(i => raw[(i * size)..((i + 1) * size)]).ToList());
    }
    [Property(MaxTest = 40)]
    public Property RandomEditsSurviveCroppingAndPalettes(int seed)
    {
        var rng = new Random(seed);
        int w = rng.Next(1, 40), h = rng.Next(1, 30);
        var colours = rng.Next(1, 400); // sometimes more than 256: median cut, checked by the quantised path
        var palette = Enumerable.Range(0, colours).Select(_ => new Color((byte)rng.Next(256), (byte)rng.Next(256), (byte)rng.Next(256))).ToArray();
        var f = new Frame(w, h);
        var frames = new List<Frame>();
        for (var k = 0; k < 6; k++)
        {
            var edits = rng.Next(0, 3) == 0 ? 0 : rng.Next(1, (w * h) + 1);
            for (var e = 0; e < edits; e++)
            {
                f.SetPixel(rng.Next(w), rng.Next(h), palette[rng.Next(colours)]);
            }

            frames.Add(f.Clone());
        }

        using var dir = new TempDir();
        var path = dir.File("r.gif");
        using (var writer = new GifVideoWriter(path, w, h, 25))
        {
            frames.ForEach(writer.WriteFrame);
        }

        var decoded = GifDecoder.Read(path).Composite();
        var ok = decoded.Count == frames.Count;
        for (var i = 0; ok && i < frames.Count; i++)
        {
            var distinct = Enumerable.Range(0, w * h).Select(p => frames[i].GetPixel(p % w, p / w)).Distinct().Count();
            if (distinct <= 256)
            {
                ok &= frames[i].Data.AsSpan().SequenceEqual(decoded[i]);
            }
            else
            {
                // Over 256 colours the frame is quantised (median cut): only approximately equal.
                var err = frames[i].Data.Zip(decoded[i], (a, b) => Math.Abs(a - b)).Average();
                ok &= err < 40;
            }
        }

        return ok.Label($"{w}×{h}, {colours} colours");
    }
}
