using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace RlFramework.Runner.Cli.Sweeps;

/// <summary>
/// What a sweep's trials cost on the cluster code path: the trials of a plan run one after another in this process
/// (<see cref="TrialExecution"/> alone), then the same trials through an embedded silo with one slot (grains, leases,
/// polling, silo start and stop), each into its own runs folder.
/// </summary>
public static class SweepOverhead
{
    /// <summary>Runs both ways under <paramref name="folder"/> and compares their wall times and metrics.</summary>
    /// <exception cref="InvalidOperationException">A trial failed (the message says which and why).</exception>
    public static SweepOverheadResult Measure(SweepPlan plan, string folder)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var lease = TimeSpan.FromMinutes(1);
        var alone = SweepCoordinator.Define(plan, Path.Combine(folder, "sequential"), 0, lease);
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var expected = alone.Trials.Select(trial => Finished(TrialExecution.Run(new TrialAssignment
        {
            SweepId = alone.SweepId,
            Index = trial.Index,
            Attempt = 1,
            SpecJson = trial.SpecJson,
            RunsFolder = alone.RunsFolder,
            Metric = alone.Metric,
        }, _ => { }, CancellationToken.None))).ToList();
        var sequential = clock.Elapsed;
        process.Refresh();
        var sequentialCpu = process.TotalProcessorTime - cpu;
        cpu = process.TotalProcessorTime;

        var embedded = SweepCoordinator.Define(plan, Path.Combine(folder, "embedded"), 0, lease);
        clock.Restart();
        SweepSnapshot snapshot;
        using (var host = SweepHosts.Embedded(WorkerOptions.Default with { Slots = 1 }))
        {
            host.StartAsync().GetAwaiter().GetResult();
            snapshot = SweepCoordinator.RunAsync(host.Services.GetRequiredService<IGrainFactory>(), embedded, _ => { }, TimeSpan.FromMilliseconds(100), CancellationToken.None)
                .GetAwaiter().GetResult();
            host.StopAsync().GetAwaiter().GetResult();
        }
        var through = clock.Elapsed;
        process.Refresh();
        var embeddedCpu = process.TotalProcessorTime - cpu;
        if (snapshot.Trials.FirstOrDefault(t => t.Status != TrialStatus.Finished) is { } failed)
            throw new InvalidOperationException($"Trial {failed.Index} failed in the embedded silo: {failed.Error}");
        bool identical = snapshot.Trials.Select(t => t.Metric).SequenceEqual(expected);
        return new SweepOverheadResult(plan.Trials.Count, sequential, through, sequentialCpu, embeddedCpu, identical);
    }

    private static double? Finished(TrialReport report) => report.Finished ? report.Metric
        : throw new InvalidOperationException($"Trial {report.Index} failed in this process: {report.Error}");
}
