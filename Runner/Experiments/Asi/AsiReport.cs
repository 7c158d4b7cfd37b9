using System.Globalization;
using Spectre.Console;

namespace RlFramework.Runner.Experiments.Asi;

/// <summary>The tables of <c>rl reproduce asi</c>: validation accuracy of each method against training model evaluations.</summary>
internal static class AsiReport
{
    /// <summary>
    /// One table per task: a row per method with its accuracy (and training model evaluations) at each checkpoint,
    /// and its accuracy within the model evaluations the first method (ASI) used in total.
    /// </summary>
    public static Table CheckpointTable(IReadOnlyList<AsiRunResult> taskResults)
    {
        long budget = taskResults[0].Curve[^1].ModelEvaluations;
        var table = new Table().Title($"{taskResults[0].Task}: validation label accuracy (training model evaluations)");
        table.AddColumn("method");
        foreach (var p in taskResults[0].Curve) table.AddColumn($"step {p.Step.ToString("N0", CultureInfo.InvariantCulture)}");
        table.AddColumn($"within {budget.ToString("N0", CultureInfo.InvariantCulture)} evaluations");
        foreach (var r in taskResults)
            table.AddRow([Markup.Escape(r.Method), .. r.Curve.Select(p => $"{Cell(p.Accuracy)} ({p.ModelEvaluations.ToString("N0", CultureInfo.InvariantCulture)})"), Cell(r.AccuracyWithin(budget))]);
        return table;
    }

    private static string Cell(double? accuracy) => accuracy is double a ? a.ToString("P1", CultureInfo.InvariantCulture) : "-";

    /// <summary>A plain-text summary line per run: wall time, final accuracy and model evaluations.</summary>
    public static string Summary(AsiRunResult r) =>
        string.Create(CultureInfo.InvariantCulture, $"{r.Task,-6} {r.Method,-20} {r.Curve[^1].Accuracy,7:P1} after {r.Curve[^1].Step} steps, {r.Curve[^1].ModelEvaluations:N0} model evaluations, {r.Seconds:F0} s");
}
