using RlFramework.Agents.Dqn;
using RlFramework.Runner.Training;

namespace RlFramework.Runner.Tests.Training;

public sealed class TrainingRunTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "rl-training-run-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    private float[] Train(RunSpec spec)
    {
        var config = new DqnConfig { TotalTimesteps = 3_000, LearningStarts = 300, TrainFrequency = 2, BatchSize = 32, BufferSize = 2_000, HiddenSizes = [16] };
        using var run = TrainingRun.Start(_folder, spec with { AgentConfig = config.ToJson() },
            (observations, actions) => new DqnAgent(config, observations, ((RlFramework.Envs.Spaces.Discrete)actions).N, spec.NumEnvs, spec.Seed));
        run.Run();
        if (spec.EvalEvery > 0) Assert.Equal(spec.TotalSteps / spec.EvalEvery, run.Evaluations.Count);
        return ((DqnAgent)run.Agent).QNetwork.parameters().SelectMany(p => p.ToArray()).ToArray();
    }

    [Fact]
    public void EvaluatingAndRecordingDuringTrainingLeaveTheTrainingRunUnchanged()
    {
        var plain = new RunSpec("CartPole-v1", "dqn", null, Seed: 4, NumEnvs: 1, TotalSteps: 3_000, CheckpointEvery: 1_000);
        var watched = plain with { EvalEvery = 1_000, EvalEpisodes = 2, RecordVideoEvery = 40 };
        Assert.Equal(Train(plain), Train(watched));
        Assert.NotEmpty(Directory.GetFiles(_folder, "train-episode-*.gif", SearchOption.AllDirectories));
    }
}
