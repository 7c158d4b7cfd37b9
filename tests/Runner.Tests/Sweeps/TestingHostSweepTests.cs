using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;
using RlFramework.Runner.Cli.Sweeps;
using RlFramework.Runner.Tests.Logging;

namespace RlFramework.Runner.Tests.Sweeps;

/// <summary>
/// A sweep on a 3-silo in-process Orleans cluster (TestingHost), one trial slot per silo: a silo stopped while it trains
/// a trial hands the trial back, another silo resumes its run from the checkpoint, and every trial finishes exactly once,
/// with the weights and metrics of the same run trained alone.
/// </summary>
[Collection("processes")]
public sealed class TestingHostSweepTests : IDisposable
{
    private readonly TempDir _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>Each silo: the shared stand-in for the database and a one-slot trial worker.</summary>
    private sealed class Silos : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            siloBuilder.Services.AddKeyedSingleton<IGrainStorage, SharedGrainStorage>(SweepStorage.Name);
            siloBuilder.AddTrialWorker(new WorkerOptions(1, TimeSpan.FromMilliseconds(100)));
        }
    }

    [Fact]
    public async Task ASiloStoppedMidSweepLosesNoTrialAndRunsNoneTwice()
    {
        var builder = new TestClusterBuilder(3);
        builder.AddSiloBuilderConfigurator<Silos>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        try
        {
            string runs = _folder.File("runs");
            File.WriteAllText(_folder.File("sweep.json"), SweepTestCluster.SweepFile(steps: 2500));
            var definition = SweepCoordinator.Define(SweepFile.Read(_folder.File("sweep.json")), runs, retries: 0, lease: TimeSpan.FromSeconds(30));
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
            var sweep = SweepCoordinator.RunAsync(cluster.Client, definition, _ => { }, TimeSpan.FromMilliseconds(100), timeout.Token);

            // stop a secondary silo once a trial it trains has written a checkpoint
            var grain = cluster.Client.GetGrain<ISweepGrain>(definition.SweepId);
            (SiloHandle Silo, int Trial)? victim = null;
            while (victim is null)
            {
                await Task.Delay(50, timeout.Token);
                var snapshot = await grain.Snapshot();
                foreach (var trial in snapshot?.Trials.Where(t => t is { Status: TrialStatus.Running, RunId: not null }) ?? [])
                {
                    if (cluster.SecondarySilos.FirstOrDefault(s => trial.Worker!.StartsWith(s.SiloAddress.ToString(), StringComparison.Ordinal)) is { } silo
                        && Directory.Exists(Path.Combine(runs, trial.RunId!, "checkpoints")) && Directory.GetDirectories(Path.Combine(runs, trial.RunId!, "checkpoints"), "step-*").Length > 0)
                    {
                        victim = (silo, trial.Index);
                    }
                }
            }
            await cluster.StopSiloAsync(victim.Value.Silo);

            var final = await sweep;
            Assert.All(final.Trials, t => Assert.Equal(TrialStatus.Finished, t.Status));
            var stopped = final.Trials[victim.Value.Trial];
            Assert.True(stopped.Attempt >= 2, $"trial {stopped.Index} ran {stopped.Attempt} attempt(s); the stopped silo should have handed it back");
            SweepTestCluster.AssertEachTrialFinishedOnce(runs, [.. final.Trials.Select(t => t.RunId)]);
            SweepTestCluster.AssertSameAsAlone(runs, stopped.RunId!, _folder.File("alone"));
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }
}
