using System.Diagnostics;
using RlFramework.Runner.Logging;

namespace RlFramework.Runner.Experiments.Routing;

/// <summary>Runs the tables of <c>rl reproduce routing</c> and times them.</summary>
public static class RoutingReproduction
{
    /// <summary>Runs the tables named in <paramref name="tables"/> ("1", "2", "3", "4" in any combination).</summary>
    /// <param name="settings">The sizes.</param>
    /// <param name="tables">Which tables to run.</param>
    /// <param name="logDirectory">If given, routing diagnostics go to metrics.csv and a TensorBoard event file there.</param>
    /// <param name="progress">Receives a line as each table starts.</param>
    /// <param name="runs">Where the runs go (default: <see cref="RoutingReproductionSettings.Threads"/> at once in this process).</param>
    public static RoutingReport Run(RoutingReproductionSettings settings, string tables, string? logDirectory, TextWriter progress, IRunExecutor? runs = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(progress);
        runs ??= new InProcessRuns(settings.Threads);
        using var sink = logDirectory is null ? null : new CompositeMetricsSink(
            new CsvMetricsSink(Path.Combine(logDirectory, CsvMetricsSink.DefaultFileName)), new TensorBoardSink(logDirectory));
        var log = sink is null ? null : new RoutingLog(sink);
        var times = new List<(string, double)>();
        T? Timed<T>(char table, string name, Func<T> run) where T : class
        {
            if (!tables.Contains(table)) return null;
            progress.WriteLine($"running table {table}: {name} ...");
            var watch = Stopwatch.StartNew();
            var result = run();
            times.Add(($"table {table} ({name})", watch.Elapsed.TotalSeconds));
            return result;
        }
        var collapse = Timed('1', "collapse", () => CollapseExperiment.Run(runs, settings.CollapseSteps, settings.CollapseBatch, settings.Seeds, settings.Seed, log));
        var classification = Timed('2', "multi-task classification", () => MultiTaskClassificationExperiment.Run(runs, settings, log));
        var multiTask = Timed('3', "multi-task RL", () =>
        {
            var results = runs.Run(MultiTaskRlRun.Instance, MultiTaskRlRun.Inputs(settings, log is not null));
            foreach (var result in results) log?.Replay(result.Log);
            return (IReadOnlyList<MultiTaskRlRow>)[.. results.SelectMany(r => r.Rows)];
        });
        var ablations = Timed('4', "ablations of the Q-learning router", () => MultiTaskClassificationExperiment.Run(runs, settings, log, ablations: true));
        sink?.Flush();
        return new RoutingReport(collapse, classification, multiTask, ablations, times);
    }
}
