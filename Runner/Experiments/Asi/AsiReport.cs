using System.Globalization;
using Spectre.Console;

namespace RlFramework.Runner.Experiments.Asi;

/// <summary>The tables of <c>rl reproduce asi</c>: validation accuracy of each method against training model evaluations.</summary>
internal static class AsiReport
{
    /// <summary>
    /// One table per task: a row per method with its accuracy (and training model evaluations) at each checkpoint,
    /// and its accuracy within the model evaluations the first method (ASI) used in total; over several seeds each
    /// cell is the mean ± the sample standard deviation over the seeds (and the mean evaluations).
    /// </summary>
    public static Table CheckpointTable(IReadOnlyList<AsiRunResult> taskResults)
    {
        var spreads = AsiSeedSpread.Of(taskResults);
        double budget = spreads[0].Points[^1].ModelEvaluations;
        string seeds = spreads[0].Seeds > 1 ? $", mean ± s.d. over {spreads[0].Seeds} seeds" : "";
        var table = new Table().Title($"{taskResults[0].Task}: validation label accuracy (training model evaluations){seeds}");
        table.AddColumn("method");
        for (int i = 0; i < spreads[0].Points.Count; i++) table.AddColumn($"checkpoint {i + 1}");
        table.AddColumn($"within {Count(budget)} evaluations");
        foreach (var s in spreads)
            table.AddRow([Markup.Escape(s.Method), .. s.Points.Select(p => $"{Cell(p, s.Seeds)} ({Count(p.ModelEvaluations)})"), Cell(s.Points.LastOrDefault(p => p.ModelEvaluations <= budget), s.Seeds)]);
        return table;
    }

    private static string Count(double evaluations) => evaluations.ToString("N0", CultureInfo.InvariantCulture);

    private static string Cell(AsiSeedSpread.Point? p, int seeds) => p is null ? "-"
        : seeds > 1 ? string.Create(CultureInfo.InvariantCulture, $"{p.Mean * 100:F1} ± {p.StandardDeviation * 100:F1} %")
        : p.Mean.ToString("P1", CultureInfo.InvariantCulture);

    /// <summary>A plain-text summary line per run: seed, final accuracy, frames the moving object survived, steps, model evaluations, wall time.</summary>
    public static string Summary(AsiRunResult r) =>
        string.Create(CultureInfo.InvariantCulture, $"{r.Task,-6} {r.Method,-20} seed {r.Seed,-3} {r.Curve[^1].Accuracy,7:P1} (object kept {r.Curve[^1].Evaluation.ObjectFrames:F1} of {r.Curve[^1].Evaluation.RolloutSteps:F1} frames) after {r.Curve[^1].Step} steps, {r.Curve[^1].ModelEvaluations:N0} model evaluations, {r.Seconds:F0} s");
}
