using System.Text.Json;
using RlFramework.Runner.Reports;
using RlFramework.Runner.Runs;
using RlFramework.Runner.Training;

namespace RlFramework.Runner.Cli.Sweeps;

/// <summary>
/// Trains one attempt of a trial on the calling thread, as <c>rl train</c> would: it starts the run (and reports its id
/// at once) or resumes the run an earlier attempt registered from its last checkpoint. A run that an earlier attempt
/// finished (its worker died before reporting) is reported finished without training again. A run another process still
/// holds (its earlier worker lost the lease but not its process: cut off or starved, not killed) is handed back with the
/// holder named, so it is not counted as a failure; once that process ends, the next attempt resumes or reports the run.
/// </summary>
public static class TrialExecution
{
    /// <summary>Trains <paramref name="assignment"/> and says how it ended; never throws for a failing run (the report carries the error).</summary>
    /// <param name="assignment">The trial and attempt.</param>
    /// <param name="started">Called with the run id right after a new run is registered.</param>
    /// <param name="cancellation">Stops the run with a checkpoint; the trial is then handed back.</param>
    public static TrialReport Run(TrialAssignment assignment, Action<string> started, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        ArgumentNullException.ThrowIfNull(started);
        try
        {
            if (assignment.Kind is { } kind)
            {
                var (resultJson, metric) = TrialKinds.Find(kind).Run(assignment.SpecJson);
                return Report(assignment) with { Finished = true, Metric = metric, ResultJson = resultJson };
            }
            string runId;
            if (assignment.RunId is { } id && Status(assignment.RunsFolder, id) == RunStatus.Finished)
            {
                runId = id;
            }
            else
            {
                using var run = assignment.RunId is null ? Start(assignment) : Resume(assignment);
                if (assignment.RunId is null) started(run.Record.Id);
                runId = run.Record.Id;
                if (run.Run(cancellation).Interrupted) return Report(assignment) with { HandedBack = true };
            }
            return Report(assignment) with { Finished = true, Metric = Metric(assignment.RunsFolder, runId, assignment.Metric) };
        }
        catch (RunInUseException e)
        {
            return Report(assignment) with { HandedBack = true, Error = e.Message };
        }
        catch (Exception e)
        {
            return Report(assignment) with { Error = e.Message };
        }
    }

    private static TrialReport Report(TrialAssignment assignment) => new() { Index = assignment.Index, Attempt = assignment.Attempt, Finished = false };

    private static RunStatus Status(string runsFolder, string runId)
    {
        using var registry = RunRegistry.Open(runsFolder);
        return registry.Get(runId).Status;
    }

    private static TrainingRun Start(TrialAssignment assignment)
    {
        var spec = JsonSerializer.Deserialize<RunSpec>(assignment.SpecJson)
            ?? throw new InvalidDataException($"Trial {assignment.Index} of sweep {assignment.SweepId} has an empty run definition.");
        return TrainingRun.Start(assignment.RunsFolder, spec,
            (observationSize, actionCount) => AgentChoice.Create(spec.Agent, observationSize, actionCount, spec.NumEnvs, spec.Seed, spec.AgentConfig, threads: 1));
    }

    private static TrainingRun Resume(TrialAssignment assignment) => TrainingRun.Resume(assignment.RunsFolder, assignment.RunId!,
        (spec, observationSize, actionCount) => AgentChoice.Create(spec.Agent, observationSize, actionCount, spec.NumEnvs, spec.Seed, spec.AgentConfig, threads: 1),
        TextWriter.Null);

    /// <summary>The mean of the last 100 values of <paramref name="tag"/> in the run's metrics.csv (so a resumed run ranks as an uninterrupted one), or null when it logged none.</summary>
    public static double? Metric(string runsFolder, string runId, string tag)
    {
        string path = Path.Combine(runsFolder, runId, Logging.CsvMetricsSink.DefaultFileName);
        if (!File.Exists(path)) return null;
        try
        {
            return RunMetrics.Read(path, runId).TryGetValue(tag, out var series) ? series.Values.TakeLast(100).Average() : null;
        }
        catch (ArgumentException)
        {
            return null; // a header without rows: nothing logged
        }
    }
}
