using BenchmarkDotNet.Attributes;
using RlFramework.Renders;
using RlFramework.Renders.Video;

namespace RlFramework.Benchmarks.Renders;

/// <summary>Encoding a 500-frame CartPole episode (frames rendered beforehand) to GIF and to MP4; times are per frame.</summary>
[MemoryDiagnoser]
[WarmupCount(2)]
[IterationCount(12)]
public class VideoEncodeBenchmarks
{
    private const int Frames = 500;
    private readonly List<Frame> frames = [];
    private string dir = "";

    /// <summary>Renders the episode once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        using var canvas = new Canvas(CartPoleScene.Width, CartPoleScene.Height);
        for (var i = 0; i < Frames; i++)
        {
            var (x, theta) = CartPoleScene.State(i);
            CartPoleScene.Draw(canvas, x, theta);
            frames.Add(canvas.ToFrame());
        }

        dir = Path.Combine(Path.GetTempPath(), "rl-bench-video-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
    }

    /// <summary>Deletes the output files.</summary>
    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(dir, recursive: true);

    /// <summary>500 frames → GIF (our encoder), 50 fps; reported time is per frame.</summary>
    [Benchmark(OperationsPerInvoke = Frames)]
    public long Gif() => Encode("episode.gif");

    /// <summary>500 frames → MP4 (ffmpeg libx264 veryfast, crf 23), 50 fps; reported time is per frame.</summary>
    [Benchmark(OperationsPerInvoke = Frames)]
    public long Mp4() => Encode("episode.mp4");

    private long Encode(string name)
    {
        var path = Path.Combine(dir, name);
        using (var w = VideoWriter.Open(path, CartPoleScene.Width, CartPoleScene.Height, 50))
        {
            foreach (var f in frames)
            {
                w.WriteFrame(f);
            }
        }

        return new FileInfo(path).Length;
    }
}
