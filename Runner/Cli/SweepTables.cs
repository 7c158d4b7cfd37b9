using System.Globalization;
using RlFramework.Runner.Cli.Sweeps;
using Spectre.Console;

namespace RlFramework.Runner.Cli;

/// <summary>What <c>rl sweep</c> shows: the live line or table (done / running / failed, best so far) and the closing summary.</summary>
internal static class SweepTables
{
    /// <summary>One line: the counts and the best trial so far.</summary>
    public static string Progress(SweepSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return string.Create(CultureInfo.InvariantCulture,
            $"done {snapshot.Count(TrialStatus.Finished)}/{snapshot.Trials.Count}  running {snapshot.Count(TrialStatus.Running)}  pending {snapshot.Count(TrialStatus.Pending)}  failed {snapshot.Count(TrialStatus.Failed)}  best {Best(snapshot)}");
    }

    /// <summary>The live table: counts, best so far and the trials running now.</summary>
    public static Table Live(SweepSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var table = new Table().Title(Markup.Escape($"{snapshot.Definition.SweepId}: {Progress(snapshot)}")).AddColumns("trial", "config", "attempt", "worker");
        foreach (var trial in snapshot.Trials.Where(t => t.Status == TrialStatus.Running))
            table.AddRow(Cell(trial.Index), Markup.Escape(snapshot.Definition.Trials[trial.Index].Label), Cell(trial.Attempt), Markup.Escape(trial.Worker ?? ""));
        return table;
    }

    /// <summary>Every trial, best first by the metric (failed ones last, with their error).</summary>
    public static Table Summary(SweepSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var definition = snapshot.Definition;
        var table = new Table().AddColumns("rank", "trial", "config", "status", $"{definition.Metric} (last 100)", "attempts", "run", "error");
        var ranked = snapshot.Trials.OrderBy(t => t.Status == TrialStatus.Finished ? 0 : 1)
            .ThenBy(t => t.Metric is double m && double.IsFinite(m) ? (definition.Maximize ? -m : m) : double.PositiveInfinity).ThenBy(t => t.Index);
        int rank = 0;
        foreach (var trial in ranked)
        {
            table.AddRow(trial.Status == TrialStatus.Finished ? Cell(++rank) : "-", Cell(trial.Index), Markup.Escape(definition.Trials[trial.Index].Label),
                trial.Status.ToString().ToLowerInvariant(), trial.Metric is double m ? m.ToString("F2", CultureInfo.InvariantCulture) : "-",
                Cell(trial.Attempt), Markup.Escape(trial.RunId ?? "-"), Markup.Escape(trial.Status == TrialStatus.Failed ? trial.Error ?? "" : ""));
        }

        return table;
    }

    private static string Best(SweepSnapshot snapshot) => snapshot.Best is { } best
        ? string.Create(CultureInfo.InvariantCulture, $"{best.Metric:F2} (trial {best.Index}: {snapshot.Definition.Trials[best.Index].Label})")
        : "-";

    private static string Cell(int value) => value.ToString(CultureInfo.InvariantCulture);
}
