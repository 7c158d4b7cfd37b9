using RlFramework.Agents;
using RlFramework.Envs.Spaces;
using RlFramework.Runner.Cli;
using RlFramework.Runner.Runs;
using RlFramework.Runner.Training;

namespace RlFramework.Runner.Tests.Sweeps;

/// <summary>What the sweep tests share: a small DQN sweep file and the checks that each trial finished once and as it would alone.</summary>
internal static class SweepTestCluster
{
    /// <summary>A DQN sweep on CartPole: 2 learning rates × the given seeds, <paramref name="steps"/> steps, a checkpoint every 500.</summary>
    public static string SweepFile(long steps, string seeds = "[0, 1]") => $$"""
        {
          "command": { "agent": "dqn", "env": "CartPole-v1", "steps": {{steps}}, "checkpoint_every": 500,
                       "config": { "learning_starts": 300, "buffer_size": 2000, "train_frequency": 2 } },
          "grid": { "learning_rate": [0.001, 0.0005] },
          "seeds": {{seeds}}
        }
        """;

    /// <summary>Asserts that the registry holds exactly one finished run per trial, the runs the sweep reports.</summary>
    public static void AssertEachTrialFinishedOnce(string runs, IReadOnlyCollection<string?> trialRunIds)
    {
        using var registry = RunRegistry.Open(runs);
        var all = registry.List();
        Assert.All(all, run => Assert.Equal(RunStatus.Finished, run.Status));
        Assert.Equal(trialRunIds.Order(), all.Select(r => r.Id).Order());
        Assert.Equal(trialRunIds.Count, trialRunIds.Distinct().Count());
    }

    /// <summary>Asserts that run <paramref name="runId"/> of <paramref name="runs"/> ended with the weights and metrics of the same run trained alone, uninterrupted.</summary>
    public static void AssertSameAsAlone(string runs, string runId, string aloneFolder)
    {
        var spec = RunSpec.Read(Path.Combine(runs, runId));
        string aloneId;
        using (var alone = TrainingRun.Start(aloneFolder, spec, (observations, actions) => Create(spec, observations, actions)))
        {
            Assert.False(alone.Run().Interrupted);
            aloneId = alone.Record.Id;
        }
        Assert.Equal(Reliability.FaultInjectionTests.FinalWeights(aloneFolder, aloneId), Reliability.FaultInjectionTests.FinalWeights(runs, runId));
        Assert.Equal(Reliability.FaultInjectionTests.Metrics(aloneFolder, aloneId), Reliability.FaultInjectionTests.Metrics(runs, runId));
    }

    private static IAgentCore Create(RunSpec spec, int observations, ISpace actions) =>
        AgentChoice.Create(spec.Agent, observations, actions, spec.NumEnvs, spec.Seed, spec.AgentConfig, threads: 1);
}
