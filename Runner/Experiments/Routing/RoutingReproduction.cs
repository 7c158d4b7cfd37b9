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
    public static RoutingReport Run(RoutingReproductionSettings settings, string tables, string? logDirectory, TextWriter progress)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(progress);
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
        var collapse = Timed('1', "collapse", () => CollapseExperiment.Run(settings.CollapseSteps, settings.CollapseBatch, settings.Seeds, settings.Seed, settings.Threads, log));
        var classification = Timed('2', "multi-task classification", () => MultiTaskClassificationExperiment.Run(settings, log));
        var multiTask = Timed('3', "multi-task RL", () => (IReadOnlyList<MultiTaskRlRow>)
        [
            .. Enumerable.Range(settings.Seed, settings.RlSeeds).SelectMany(seed => (IEnumerable<MultiTaskRlRow>)
            [
                .. MultiTaskRlExperiment.Run(MultiTaskRlExperiment.ConflictingCartPole, settings, seed, log),
                .. MultiTaskRlExperiment.Run(MultiTaskRlExperiment.CartPole, settings, seed, log),
                .. MultiTaskRlExperiment.Run(MultiTaskRlExperiment.RoboRally, settings with { StepsPerTask = settings.RoboRallyStepsPerTask }, seed, log),
            ]),
        ]);
        var ablations = Timed('4', "ablations of the Q-learning router", () => MultiTaskClassificationExperiment.Run(settings, log, MultiTaskClassificationExperiment.Ablations));
        sink?.Flush();
        return new RoutingReport(collapse, classification, multiTask, ablations, times);
    }
}
