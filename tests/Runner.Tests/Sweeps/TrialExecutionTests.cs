using RlFramework.Runner.Cli;
using RlFramework.Runner.Cli.Sweeps;
using RlFramework.Runner.Runs;
using RlFramework.Runner.Tests.Logging;
using RlFramework.Runner.Training;

namespace RlFramework.Runner.Tests.Sweeps;

/// <summary>
/// One attempt of a trial on a run another process still trains: the worker that lost the trial's lease (cut off, not
/// killed) holds the run's lock, so the next attempt must hand the trial back, not fail it, and finish it once the
/// lock is free.
/// </summary>
public sealed class TrialExecutionTests : IDisposable
{
    private readonly TempDir _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void ARunStillHeldByAnEarlierAttemptIsHandedBackAndResumedOnceFree()
    {
        File.WriteAllText(_folder.File("sweep.json"), SweepTestCluster.SweepFile(steps: 600));
        var plan = SweepFile.Read(_folder.File("sweep.json"));
        var trial = plan.Trials[0];
        string runs = _folder.File("runs");
        var assignment = new TrialAssignment
        {
            SweepId = "sweep-test",
            Index = trial.Index,
            Attempt = 2,
            SpecJson = trial.Spec.ToJson(),
            RunsFolder = runs,
            Metric = plan.Metric,
        };

        using (var earlier = TrainingRun.Start(runs, trial.Spec, (observations, actions) =>
            AgentChoice.Create(trial.Spec.Agent, observations, actions, trial.Spec.NumEnvs, trial.Spec.Seed, trial.Spec.AgentConfig, threads: 1)))
        {
            assignment = assignment with { RunId = earlier.Record.Id };
            var busy = TrialExecution.Run(assignment, _ => Assert.Fail("a resumed run is not registered again"), CancellationToken.None);
            Assert.True(busy.HandedBack, busy.Error);
            Assert.False(busy.Finished);
            Assert.Contains($"Run {earlier.Record.Id} is in use by another process (pid {Environment.ProcessId}", busy.Error, StringComparison.Ordinal);
        }

        var free = TrialExecution.Run(assignment with { Attempt = 3 }, _ => Assert.Fail("a resumed run is not registered again"), CancellationToken.None);
        Assert.True(free.Finished, free.Error);
        Assert.NotNull(free.Metric);
        using var registry = RunRegistry.Open(runs);
        Assert.Equal(RunStatus.Finished, Assert.Single(registry.List()).Status);
    }
}
