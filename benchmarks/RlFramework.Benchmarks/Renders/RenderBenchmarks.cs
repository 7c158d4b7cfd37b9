using BenchmarkDotNet.Attributes;
using RlFramework.Renders;

namespace RlFramework.Benchmarks.Renders;

/// <summary>CartPole-like 600×400 rendering: draw only, copy to RGB only, and both (the rgb_array path).</summary>
[MemoryDiagnoser]
[WarmupCount(3)]
[IterationCount(15)]
public class RenderBenchmarks
{
    private Canvas canvas = null!;
    private Frame frame = null!;
    private int step;

    /// <summary>Anti-aliasing on (default) or off.</summary>
    [Params(true, false)]
    public bool Antialias { get; set; }

    /// <summary>Creates the canvas and the reusable frame.</summary>
    [GlobalSetup]
    public void Setup()
    {
        canvas = new Canvas(CartPoleScene.Width, CartPoleScene.Height) { Antialias = Antialias };
        frame = new Frame(CartPoleScene.Width, CartPoleScene.Height);
        CartPoleScene.Draw(canvas, 0, 0.1);
    }

    /// <summary>Frees the canvas.</summary>
    [GlobalCleanup]
    public void Cleanup() => canvas.Dispose();

    /// <summary>Draw the scene and copy it into the reusable RGB frame (one rgb_array render).</summary>
    [Benchmark(Baseline = true)]
    public Frame DrawAndCopy()
    {
        var (x, theta) = CartPoleScene.State(step++ % 500);
        CartPoleScene.Draw(canvas, x, theta);
        canvas.CopyTo(frame);
        return frame;
    }

    /// <summary>Draw the scene only.</summary>
    [Benchmark]
    public void DrawOnly()
    {
        var (x, theta) = CartPoleScene.State(step++ % 500);
        CartPoleScene.Draw(canvas, x, theta);
    }

    /// <summary>Copy the surface into the RGB frame only (BGRA → RGB conversion).</summary>
    [Benchmark]
    public Frame CopyOnly()
    {
        canvas.CopyTo(frame);
        return frame;
    }
}
