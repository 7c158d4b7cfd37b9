using RlFramework.Renders.Plots;
using RlFramework.Runner.Logging;
using ScottPlot;

namespace RlFramework.Runner.Reports;

/// <summary>
/// The plots of <c>rl plot</c> and <c>rl report</c>: episodic return (raw and smoothed, with greedy evaluations), losses and
/// steps per second against env steps. Several runs are overlaid; runs of the same config (env, agent, agent config) count as
/// seeds of it and get their mean and a min–max band.
/// </summary>
public static class RunPlots
{
    /// <summary>Size of one panel in pixels.</summary>
    public const int PanelWidth = 900, PanelHeight = 380;

    /// <summary>Episodes in the trailing mean of the smoothed return.</summary>
    public const int ReturnWindow = 20;

    /// <summary>Logged values in the trailing mean of a loss.</summary>
    public const int LossWindow = 10;

    /// <summary>Points of the common step grid on which seeds are averaged.</summary>
    private const int GridPoints = 200;

    private const string StepsLabel = "environment steps";

    /// <summary>The panels with data: return, each loss, steps per second.</summary>
    public static IReadOnlyList<Plot> Panels(IReadOnlyList<RunData> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        if (runs.Count == 0) throw new ArgumentException("No runs to plot; expected at least one.", nameof(runs));
        var panels = new List<Plot>();
        string who = runs.Count == 1 ? runs[0].Name : $"{runs.Count} runs";
        if (runs.Any(r => r.Series(MetricTags.EpisodicReturn) is not null || r.Series(MetricTags.EvalReturn) is not null))
        {
            var plot = Charts.Create($"Episodic return — {who}", StepsLabel, "episodic return (sum of rewards)");
            Compare(plot, runs, r => r.Series(MetricTags.EpisodicReturn), ReturnWindow, "return");
            AddEvaluations(plot, runs);
            panels.Add(Finish(plot, runs, MetricTags.EpisodicReturn, MetricTags.EvalReturn));
        }
        foreach (string tag in runs.SelectMany(r => r.Metrics.Keys).Where(IsLoss).Distinct().Order(StringComparer.Ordinal))
        {
            string name = tag["losses/".Length..];
            var plot = Charts.Create($"Loss {name} — {who}", StepsLabel, $"{name} (per update, no unit)");
            Compare(plot, runs, r => r.Series(tag), LossWindow, name);
            panels.Add(Finish(plot, runs, tag));
        }
        if (runs.Any(r => r.Series(MetricTags.StepsPerSecond) is not null))
        {
            var plot = Charts.Create($"Training speed — {who}", StepsLabel, "steps per second (env steps/s)");
            Compare(plot, runs, r => r.Series(MetricTags.StepsPerSecond), 1, "SPS");
            panels.Add(Finish(plot, runs, MetricTags.StepsPerSecond));
        }
        if (panels.Count == 0)
            throw new ArgumentException($"{who} logged none of {MetricTags.EpisodicReturn}, losses/*, {MetricTags.StepsPerSecond}: nothing to plot.");
        return panels;
    }

    /// <summary>All panels stacked in one PNG.</summary>
    public static byte[] Png(IReadOnlyList<RunData> runs) => Charts.ToPng(Panels(runs), 1, PanelWidth, PanelHeight);

    /// <summary>Whether a tag is a loss (losses/…loss…), not another learner statistic such as the mean Q-value.</summary>
    private static bool IsLoss(string tag) => tag.StartsWith("losses/", StringComparison.Ordinal) && tag.AsSpan("losses/".Length).Contains("loss", StringComparison.Ordinal);

    /// <summary>
    /// One run: the raw series (thin, faint) and its trailing mean. Several runs: each run's trailing mean, and per config
    /// with two or more seeds their mean and min–max band on a common step grid.
    /// </summary>
    private static void Compare(Plot plot, IReadOnlyList<RunData> runs, Func<RunData, MetricSeries?> select, int window, string what)
    {
        var groups = runs.GroupBy(r => r.ConfigKey).ToArray();
        for (int g = 0; g < groups.Length; g++)
        {
            var color = Charts.SeriesColor(g);
            var seeds = groups[g].Select(r => (Run: r, Series: select(r))).Where(m => m.Series is not null).Select(m => (m.Run, Series: m.Series!)).ToArray();
            var smoothed = seeds.Select(m => window > 1 ? m.Series.Smoothed(window) : m.Series).ToArray();
            for (int i = 0; i < seeds.Length; i++)
            {
                var (run, series) = seeds[i];
                if (runs.Count == 1)
                {
                    if (window > 1) Charts.AddLine(plot, series.Steps, series.Values, $"{what} (raw)", color.WithAlpha(0.35), width: 1);
                    Charts.AddLine(plot, smoothed[i].Steps, smoothed[i].Values, Describe(window, what), color, width: 2);
                }
                else if (seeds.Length == 1)
                {
                    Charts.AddLine(plot, smoothed[i].Steps, smoothed[i].Values, $"{run.Name}: {Describe(window, what)}", color, width: 2);
                }
                else
                {
                    // One legend entry for all seeds of a config; the mean and band below carry the config's name.
                    Charts.AddLine(plot, smoothed[i].Steps, smoothed[i].Values, i == 0 ? $"each seed: {Describe(window, what)}" : null, color.WithAlpha(0.45), width: 1);
                }
            }
            if (smoothed.Length >= 2) AddMeanAndBand(plot, smoothed, groups[g].First().ConfigLabel, color);
        }
    }

    private static string Describe(int window, string what) => window > 1 ? $"{what} (mean of last {window})" : what;

    /// <summary>Mean and min–max of the seeds' series on a grid over the steps all of them cover.</summary>
    private static void AddMeanAndBand(Plot plot, MetricSeries[] seeds, string config, ScottPlot.Color color)
    {
        double from = seeds.Max(s => s.Steps[0]), to = seeds.Min(s => s.Steps[^1]);
        if (!(to > from)) return;
        var grid = Enumerable.Range(0, GridPoints).Select(i => from + (to - from) * i / (GridPoints - 1)).ToArray();
        var values = grid.Select(x => seeds.Select(s => s.At(x)).ToArray()).ToArray();
        Charts.AddBand(plot, grid, [.. values.Select(v => v.Min())], [.. values.Select(v => v.Max())], $"min–max over {seeds.Length} seeds", color);
        Charts.AddLine(plot, grid, [.. values.Select(v => v.Average())], $"mean of {seeds.Length} seeds: {config}", color, width: 3);
    }

    private static void AddEvaluations(Plot plot, IReadOnlyList<RunData> runs)
    {
        var groups = runs.GroupBy(r => r.ConfigKey).ToArray();
        for (int g = 0; g < groups.Length; g++)
        {
            var evaluated = groups[g].Where(r => r.Series(MetricTags.EvalReturn) is not null).ToArray();
            for (int i = 0; i < evaluated.Length; i++)
            {
                var eval = evaluated[i].Series(MetricTags.EvalReturn)!;
                var color = runs.Count == 1 ? Colors.Black : Charts.SeriesColor(g);
                string? label = i > 0 ? null : runs.Count == 1 ? "greedy evaluation (mean return)" : $"greedy evaluations ({evaluated.Length} run{(evaluated.Length == 1 ? "" : "s")})";
                var points = Charts.AddPoints(plot, eval.Steps, eval.Values, label, color);
                points.MarkerShape = MarkerShape.FilledDiamond;
            }
        }
    }

    /// <summary>Fits the x-range to the plotted tags' steps and puts the legend below the data.</summary>
    private static Plot Finish(Plot plot, IReadOnlyList<RunData> runs, params string[] tags)
    {
        var steps = runs.SelectMany(r => tags.Select(r.Series)).Where(s => s is not null).SelectMany(s => s!.Steps).ToArray();
        Charts.FitX(plot, steps.Min(), steps.Max());
        Charts.LegendBelow(plot);
        return plot;
    }
}
