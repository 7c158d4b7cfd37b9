using BenchmarkDotNet.Attributes;
using RlFramework.Renders.Plots;

namespace RlFramework.Benchmarks.Renders;

/// <summary>A ScottPlot line plot with the bundled fonts, 900×380, two series of 1,000 points, drawn and encoded as PNG (one `rl plot` panel).</summary>
[MemoryDiagnoser]
[WarmupCount(2)]
[IterationCount(8)]
public class PlotBenchmarks
{
    private double[] xs = null!;
    private double[] a = null!;
    private double[] b = null!;

    /// <summary>Makes the data.</summary>
    [GlobalSetup]
    public void Setup()
    {
        xs = [.. Enumerable.Range(0, 1_000).Select(i => i * 100.0)];
        a = [.. xs.Select(x => Math.Sin(x / 5_000) * 100 + 200)];
        b = [.. xs.Select(x => Math.Cos(x / 7_000) * 80 + 150)];
    }

    /// <summary>Builds the plot and returns its PNG bytes.</summary>
    [Benchmark]
    public byte[] LinePlotPng()
    {
        var plot = Charts.Create("Episodic return", "environment steps", "episodic return (sum of rewards)");
        Charts.AddLine(plot, xs, a, "seed 1", Charts.SeriesColor(0));
        Charts.AddLine(plot, xs, b, "seed 2", Charts.SeriesColor(1));
        Charts.FitX(plot, xs[0], xs[^1]);
        Charts.LegendBelow(plot);
        return Charts.ToPng(plot, 900, 380);
    }
}
