using RlFramework.Renders.Plots;
using ScottPlot;

namespace RlFramework.Runner.Experiments.Asi;

/// <summary>
/// The figure of <c>rl reproduce asi</c> (ScottPlot): one panel per task, validation label accuracy against training model
/// evaluations, one line per method (over several seeds their mean, with a band from the lowest to the highest), and the task's chance level (always guessing the most common validation label).
/// </summary>
internal static class AsiPlot
{
    private const int PanelWidth = 560, PanelHeight = 440;

    /// <summary>Draws the panels and writes the PNG atomically to <paramref name="path"/>.</summary>
    /// <param name="results">The learning curves.</param>
    /// <param name="chance">Each task's chance level (fraction), by task name, taken from its validation labels.</param>
    /// <param name="fairAccuracy">Whether the accuracy is the fair one (undecided 1/K) or the strict one; it names the y axis.</param>
    /// <param name="path">The PNG file.</param>
    public static void Save(IReadOnlyList<AsiRunResult> results, IReadOnlyDictionary<string, double> chance, bool fairAccuracy, string path) =>
        Charts.Save(Draw(results, chance, fairAccuracy), path);

    /// <summary>The panels as PNG bytes; the y axis says whether the accuracy is the fair or the strict one.</summary>
    public static byte[] Draw(IReadOnlyList<AsiRunResult> results, IReadOnlyDictionary<string, double> chance, bool fairAccuracy = true)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(chance);
        if (results.Count == 0 || results.Any(r => r.Curve.Count == 0))
            throw new ArgumentException("The ASI plot needs at least one run, each with at least one evaluation.", nameof(results));
        var panels = results.Select(r => r.Task).Distinct()
            .Select(task => Panel(task, [.. results.Where(r => r.Task == task)], chance.TryGetValue(task, out var c) ? c : null, fairAccuracy))
            .ToArray();
        return Charts.ToPng(panels, panels.Length, PanelWidth, PanelHeight);
    }

    /// <summary>The display name of a task.</summary>
    public static string TaskTitle(string task) => task switch
    {
        "funnel" => "Funnel Board",
        "rooms" => "Room Runner",
        _ => task,
    };

    /// <summary>The y axis title: which accuracy, on what.</summary>
    public static string AccuracyTitle(bool fairAccuracy) =>
        fairAccuracy ? "fair accuracy (%), validation labels" : "strict accuracy (%), validation labels";

    private static Plot Panel(string task, IReadOnlyList<AsiRunResult> runs, double? chance, bool fairAccuracy)
    {
        var plot = Charts.Create(TaskTitle(task), "training model evaluations (forward passes)", AccuracyTitle(fairAccuracy));
        var spreads = AsiSeedSpread.Of(runs);
        for (int m = 0; m < spreads.Count; m++)
        {
            var points = spreads[m].Points;
            double[] xs = [.. points.Select(p => p.ModelEvaluations)];
            if (spreads[m].Seeds > 1)
                Charts.AddBand(plot, xs, [.. points.Select(p => p.Min)], [.. points.Select(p => p.Max)], null, Charts.SeriesColor(m));
            string label = spreads[m].Seeds > 1 ? $"{spreads[m].Method} (mean of {spreads[m].Seeds} seeds; band: min–max)" : spreads[m].Method;
            Charts.AddLine(plot, xs, [.. points.Select(p => p.Mean)], label, Charts.SeriesColor(m), markerSize: 7);
        }

        if (chance is double level)
            Charts.AddChanceLine(plot, level, $"chance ({level:P0}: most common label)");
        double min = runs.Min(r => r.Curve.Min(p => p.ModelEvaluations)), max = runs.Max(r => r.Curve.Max(p => p.ModelEvaluations));
        double pad = Math.Max(1, (max - min) * 0.03);
        Charts.FitX(plot, min - pad, max + pad);
        plot.Axes.SetLimitsY(0, 1.02);
        Charts.PercentY(plot);
        Charts.LegendBelow(plot);
        return plot;
    }
}
