using RlFramework.Agents;
using RlFramework.Agents.Dqn;
using RlFramework.Agents.Ppo;
using RlFramework.Envs;
using RlFramework.Envs.Spaces;
using RlFramework.Envs.Vector;
using RlFramework.Runner.Runs;
using RlFramework.Runner.Training;

namespace RlFramework.Runner.Tests.Training;

public sealed class CheckpointTests : IDisposable
{
    private static readonly DqnConfig Small = new()
    {
        TotalTimesteps = 3_000,
        LearningStarts = 300,
        TrainFrequency = 2,
        TargetNetworkFrequency = 100,
        BatchSize = 32,
        BufferSize = 2_000,
        HiddenSizes = [16, 16],
        LearningRate = 1e-3,
    };

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "rl-checkpoint-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    private static (IVectorEnv<float, int> Envs, DqnAgent Agent, TrainingLoop<int> Loop) Build(string id, long seed)
    {
        var envs = Gym.MakeVec<float, int>(id, 2, autoreset: AutoresetMode.SameStep);
        var agent = new DqnAgent(Small, envs.ObservationSize, TrainingRun.Shape(id).ActionCount, numEnvs: 2, seed: seed);
        return (envs, agent, new TrainingLoop<int>(envs, agent));
    }

    private static float[] Weights(DqnAgent agent) => agent.QNetwork.parameters().SelectMany(p => p.ToArray()).ToArray();

    /// <summary>Every registered id an agent can train on: float-vector observations and Discrete actions.</summary>
    public static TheoryData<string> TrainableIds()
    {
        var ids = new TheoryData<string>();
        foreach (var id in Gym.Registry.Keys.Order(StringComparer.Ordinal))
        {
            try
            {
                TrainingRun.Shape(id);
                ids.Add(id);
            }
            catch (ArgumentException)
            {
                // image observations or continuous actions: no agent of ours trains on it
            }
        }
        return ids;
    }

    [Theory]
    [MemberData(nameof(TrainableIds))]
    public void HalfThenResumeThenHalfEqualsTheStraightRunExactly(string id)
    {
        var (straightEnvs, straightAgent, straightLoop) = Build(id, 5);
        var episodes = new List<double>();
        using (straightLoop.Episodes.Subscribe(e => episodes.Add(e.Return))) straightLoop.Run(TrainingBudget.InSteps(2_400), seed: 17);
        var expected = Weights(straightAgent);

        var (firstEnvs, firstAgent, firstLoop) = Build(id, 5);
        firstLoop.Run(TrainingBudget.InSteps(1_200), seed: 17);
        var store = new CheckpointStore(_folder);
        var saved = store.Save(firstAgent.Steps, firstLoop.WriteCheckpoint);
        firstLoop.Dispose();
        firstAgent.Dispose();
        firstEnvs.Dispose();

        var (resumedEnvs, resumedAgent, resumedLoop) = Build(id, 77); // another seed: all state must come from the checkpoint
        var latest = store.FindLatestGood(out var refused);
        Assert.Empty(refused);
        Assert.Equal(saved, latest);
        resumedLoop.LoadCheckpoint(latest!.Path);
        var resumedEpisodes = new List<double>();
        using (resumedLoop.Episodes.Subscribe(e => resumedEpisodes.Add(e.Return))) resumedLoop.Run(TrainingBudget.InSteps(2_400), seed: null);
        Assert.Equal(expected, Weights(resumedAgent));
        Assert.Equal(episodes.TakeLast(resumedEpisodes.Count), resumedEpisodes);

        foreach (var d in new IDisposable[] { straightLoop, straightAgent, straightEnvs, resumedLoop, resumedAgent, resumedEnvs }) d.Dispose();
    }

    /// <summary>Every registered id PPO trains on: float-vector observations, Discrete or Box actions.</summary>
    public static TheoryData<string> PpoIds()
    {
        var ids = new TheoryData<string>();
        foreach (var id in Gym.Registry.Keys.Order(StringComparer.Ordinal))
        {
            try
            {
                if (TrainingRun.Spaces(id).ActionSpace is Discrete or Box<float>) ids.Add(id);
            }
            catch (ArgumentException)
            {
                // image observations: PPO's MLP does not train on it
            }
        }
        return ids;
    }

    /// <summary>PPO's straight run against one checkpointed in the middle of a rollout and resumed, on <paramref name="id"/>.</summary>
    [Theory]
    [MemberData(nameof(PpoIds))]
    public void PpoResumedMidRolloutEqualsTheStraightRunExactly(string id)
    {
        if (TrainingRun.Spaces(id).ActionSpace is Discrete) PpoHalves<int>(id);
        else PpoHalves<float[]>(id);
    }

    private void PpoHalves<TAct>(string id) where TAct : notnull
    {
        (IVectorEnv<float, TAct>, IAgent<TAct>, TrainingLoop<TAct>) Build(long seed)
        {
            var envs = Gym.MakeVec<float, TAct>(id, 2, autoreset: AutoresetMode.SameStep);
            var (observationSize, actionSpace) = TrainingRun.Spaces(id);
            var config = (actionSpace is Box<float> ? PpoConfig.Continuous : new PpoConfig()) with { NumEnvs = 2, NumSteps = 64, NumMinibatches = 4, UpdateEpochs = 2, TotalTimesteps = 2_400 };
            IAgentCore agent = actionSpace is Box<float> box ? new ContinuousPpoAgent(config, observationSize, box, 2, seed)
                : new PpoAgent(config, observationSize, ((Discrete)actionSpace).N, 2, seed);
            return (envs, (IAgent<TAct>)agent, new TrainingLoop<TAct>(envs, (IAgent<TAct>)agent));
        }
        static float[] Weights(IAgentCore agent) =>
            (agent is PpoAgent discrete ? discrete.Parameters : ((ContinuousPpoAgent)agent).Parameters).SelectMany(p => p.ToArray()).ToArray();

        var (straightEnvs, straightAgent, straightLoop) = Build(5);
        var episodes = new List<double>();
        using (straightLoop.Episodes.Subscribe(e => episodes.Add(e.Return))) straightLoop.Run(TrainingBudget.InSteps(1_000), seed: 17);
        var (firstEnvs, firstAgent, firstLoop) = Build(5);
        firstLoop.Run(TrainingBudget.InSteps(420), seed: 17); // 210 iterations: 3 rollouts of 64 and 18 steps of the fourth
        var store = new CheckpointStore(_folder);
        store.Save(firstAgent.Steps, firstLoop.WriteCheckpoint);
        var (resumedEnvs, resumedAgent, resumedLoop) = Build(77);
        resumedLoop.LoadCheckpoint(store.FindLatestGood(out _)!.Path);
        var resumedEpisodes = new List<double>();
        using (resumedLoop.Episodes.Subscribe(e => resumedEpisodes.Add(e.Return))) resumedLoop.Run(TrainingBudget.InSteps(1_000), seed: null);
        Assert.Equal(Weights(straightAgent), Weights(resumedAgent));
        Assert.Equal(episodes.TakeLast(resumedEpisodes.Count), resumedEpisodes);
        foreach (var d in new IDisposable[] { straightLoop, straightAgent, straightEnvs, firstLoop, firstAgent, firstEnvs, resumedLoop, resumedAgent, resumedEnvs }) d.Dispose();
    }

    [Fact]
    public void ACorruptCheckpointIsRefusedAndThePreviousGoodOneIsUsed()
    {
        var (envs, agent, loop) = Build("CartPole-v1", 1);
        var store = new CheckpointStore(_folder);
        loop.Run(TrainingBudget.InSteps(400), seed: 0);
        var older = store.Save(agent.Steps, loop.WriteCheckpoint);
        loop.Run(TrainingBudget.InSteps(800), seed: null);
        var newer = store.Save(agent.Steps, loop.WriteCheckpoint);
        File.WriteAllText(Path.Combine(newer.Path, "loop.json"), "{\"Observations\": [0.1, ");

        var (envs2, agent2, loop2) = Build("CartPole-v1", 1);
        var error = Assert.Throws<InvalidDataException>(() => loop2.LoadCheckpoint(newer.Path));
        Assert.Contains("loop.json is corrupt or truncated", error.Message);
        Assert.Equal(older, store.FindLatestGood(out var refused));
        Assert.Single(refused);
        loop2.LoadCheckpoint(older.Path);
        Assert.Equal(400, agent2.Steps);
        foreach (var d in new IDisposable[] { loop, agent, envs, loop2, agent2, envs2 }) d.Dispose();
    }
}
