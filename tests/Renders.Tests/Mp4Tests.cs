using System.Text.Json;
using RlFramework.Renders.Tests.Support;
using RlFramework.Renders.Video;

namespace RlFramework.Renders.Tests;

public class Mp4Tests
{
    private static JsonElement Probe(string path)
    {
        var json = Tools.Run(
            "ffprobe", "-v", "error", "-select_streams", "v:0", "-count_frames",
            "-show_entries", "stream=codec_name,pix_fmt,width,height,r_frame_rate,avg_frame_rate,nb_read_frames",
            "-of", "json", path);
        return JsonDocument.Parse(json).RootElement.GetProperty("streams")[0];
    }

    [FfmpegFact]
    public void FfprobeSeesFrameCountSizeAndFps()
    {
        using var dir = new TempDir();
        var path = dir.File("episode.mp4");
        using var canvas = new Canvas(600, 400);
        var frame = new Frame(600, 400);
        using (var w = VideoWriter.Open(path, 600, 400, 50))
        {
            Assert.IsType<Mp4VideoWriter>(w);
            for (var i = 0; i < 37; i++)
            {
                Scenes.CartPole(canvas, -1 + (0.05 * i), 0.02 * i);
                canvas.CopyTo(frame);
                w.WriteFrame(frame);
            }

            Assert.False(File.Exists(path));
        }

        var s = Probe(path);
        Assert.Equal("h264", s.GetProperty("codec_name").GetString());
        Assert.Equal("yuv420p", s.GetProperty("pix_fmt").GetString());
        Assert.Equal(600, s.GetProperty("width").GetInt32());
        Assert.Equal(400, s.GetProperty("height").GetInt32());
        Assert.Equal("50/1", s.GetProperty("r_frame_rate").GetString());
        Assert.Equal("37", s.GetProperty("nb_read_frames").GetString());
        Assert.Equal(["episode.mp4"], dir.Entries());

        // Lossy, but big flat areas keep their colour: white background, black cart, brown pole.
        var raw = Tools.Run("ffmpeg", "-v", "error", "-i", path, "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "rgb24", "pipe:1");
        Scenes.CartPole(canvas, -1, 0);
        var first = canvas.ToFrame();
        foreach (var (x, y) in new[] { (50, 50), (175, 300), (175, 230) })
        {
            var o = ((y * 600) + x) * 3;
            var want = first.GetPixel(x, y);
            Assert.InRange(raw[o], want.R - 12, want.R + 12);
            Assert.InRange(raw[o + 1], want.G - 12, want.G + 12);
            Assert.InRange(raw[o + 2], want.B - 12, want.B + 12);
        }
    }

    [FfmpegFact]
    public void OddSizesArePaddedToEven()
    {
        using var dir = new TempDir();
        var path = dir.File("odd.mp4");
        using (var w = new Mp4VideoWriter(path, 101, 51, 25))
        {
            Assert.Equal((102, 52), (w.EncodedWidth, w.EncodedHeight));
            var f = new Frame(101, 51);
            f.Fill(Color.White);
            for (var i = 0; i < 5; i++)
            {
                w.WriteFrame(f);
            }
        }

        var s = Probe(path);
        Assert.Equal(102, s.GetProperty("width").GetInt32());
        Assert.Equal(52, s.GetProperty("height").GetInt32());
        Assert.Equal("25/1", s.GetProperty("r_frame_rate").GetString());
        Assert.Equal("5", s.GetProperty("nb_read_frames").GetString());
    }

    [FfmpegFact]
    public void AbortAndEmptyCloseLeaveNothing()
    {
        using var dir = new TempDir();
        using (var w = VideoWriter.Open(dir.File("a.mp4"), 16, 16, 10))
        {
            w.WriteFrame(new Frame(16, 16));
            w.Abort();
        }

        using (VideoWriter.Open(dir.File("b.mp4"), 16, 16, 10))
        {
        }

        Assert.Empty(dir.Entries());
    }

    [Fact]
    public void OddSizeRejectedWhenPaddingIsOff()
    {
        var e = Assert.Throws<ArgumentException>(() => VideoWriter.Open("x.mp4", 101, 50, 25, new VideoWriterOptions { Mp4PadOddDimensions = false }));
        Assert.Contains("101×50", e.Message);
        Assert.Contains("even", e.Message);
    }

    [Fact]
    public void MissingFfmpegSaysHowToInstallIt()
    {
        var e = Assert.Throws<MissingDependencyException>(() =>
            VideoWriter.Open(Path.Combine(Path.GetTempPath(), "never.mp4"), 16, 16, 10, new VideoWriterOptions { FfmpegPath = "/nonexistent/bin/ffmpeg" }));
        Assert.Equal("ffmpeg", e.Dependency);
        Assert.Contains("apt-get install ffmpeg", e.Message);
        Assert.False(File.Exists(Path.Combine(Path.GetTempPath(), "never.mp4")));
    }

    [Fact]
    public void FfmpegNotOnPathIsReportedAsMissing()
    {
        Assert.Null(Ffmpeg.FindOnPath("ffmpeg", "/nonexistent-dir"));
        var e = Assert.Throws<MissingDependencyException>(() => Ffmpeg.Resolve(null, "/nonexistent-dir"));
        Assert.Contains("apt-get install ffmpeg", e.Message);
        Assert.Contains("not on PATH", e.Message);
    }

    [Fact]
    public void BadEncoderOptionsNameTheValue()
    {
        Assert.Contains("99", Assert.Throws<ArgumentOutOfRangeException>(() => VideoWriter.Open("x.mp4", 16, 16, 10, new VideoWriterOptions { Mp4Crf = 99 })).Message);
        Assert.Contains("turbo", Assert.Throws<ArgumentException>(() => VideoWriter.Open("x.mp4", 16, 16, 10, new VideoWriterOptions { Mp4Preset = "turbo" })).Message);
        Assert.Contains("-1", Assert.Throws<ArgumentOutOfRangeException>(() => VideoWriter.Open("x.mp4", 16, 16, -1)).Message);
    }
    [Fact]
    public void FfmpegFailureIsReportedWithItsMessageAndLeavesNoFile()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // the fake ffmpeg is a shell script
        }

        using var dir = new TempDir();
        var fake = dir.File("fake-ffmpeg");
        File.WriteAllText(fake, "#!/bin/sh\necho 'boom: encoder exploded' >&2\nexit 3\n");
        File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var path = dir.File("out.mp4");
        var w = VideoWriter.Open(path, 600, 400, 30, new VideoWriterOptions { FfmpegPath = fake });
        var e = Assert.Throws<InvalidOperationException>(() =>
        {
            for (var i = 0; i < 20; i++)
            {
                w.WriteFrame(new Frame(600, 400));
            }

            w.Close();
        });
        Assert.Contains("boom: encoder exploded", e.Message);
        Assert.Contains("3", e.Message);
        Assert.True(w.IsClosed);
        w.Dispose();
        Assert.Equal(["fake-ffmpeg"], dir.Entries());
    }
}
