using RlFramework.Envs;
using RlFramework.Envs.Classic;
using RlFramework.Renders;
using RlFramework.Renders.Plots;

namespace RlFramework.Runner.Benchmarking;

/// <summary>
/// Rendering speed on one thread: CartPole's 600×400 rgb_array drawn into a reused frame (Gymnasium's picture, the
/// <c>RecordVideo</c> path), and one <c>rl plot</c> panel (ScottPlot, 900×380, two series of 1,000 points, PNG-encoded).
/// </summary>
public static class RenderThroughput
{
    /// <summary>Measures <paramref name="frames"/> CartPole frames and <paramref name="plots"/> plots, after a warm-up.</summary>
    public static IEnumerable<ClipThroughputResult> Measure(int frames, int plots)
    {
        if (frames < 1) throw new ArgumentOutOfRangeException(nameof(frames), frames, $"--frames must be at least 1, got {frames}.");
        if (plots < 1) throw new ArgumentOutOfRangeException(nameof(plots), plots, $"--plots must be at least 1, got {plots}.");
        using var env = new CartPoleEnv(renderMode: RenderMode.RgbArray);
        env.Reset(seed: 0);
        var frame = new Frame(CartPoleEnv.ScreenWidth, CartPoleEnv.ScreenHeight);
        long Render(int count)
        {
            for (int i = 0; i < count; i++)
            {
                if (env.Step(i % 2).Terminated) env.Reset();
                env.RenderInto(frame);
            }
            return count;
        }
        Render(Math.Min(frames, 200));
        yield return ClipThroughput.Time("CartPole-v1 rgb_array 600×400 into a reused frame (step + draw + copy)", () => Render(frames));
        double[] xs = [.. Enumerable.Range(0, 1_000).Select(i => i * 100.0)];
        double[] a = [.. xs.Select(x => Math.Sin(x / 5_000) * 100 + 200)], b = [.. xs.Select(x => Math.Cos(x / 7_000) * 80 + 150)];
        long Plot(int count)
        {
            for (int i = 0; i < count; i++)
            {
                var plot = Charts.Create("Episodic return", "environment steps", "episodic return (sum of rewards)");
                Charts.AddLine(plot, xs, a, "seed 1", Charts.SeriesColor(0));
                Charts.AddLine(plot, xs, b, "seed 2", Charts.SeriesColor(1));
                Charts.FitX(plot, xs[0], xs[^1]);
                Charts.LegendBelow(plot);
                Charts.ToPng(plot, 900, 380);
            }
            return count;
        }
        Plot(2);
        yield return ClipThroughput.Time("plot panel 900×380, 2 × 1,000 points, PNG (ScottPlot)", () => Plot(plots));
    }
}
