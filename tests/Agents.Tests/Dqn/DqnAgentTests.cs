using RlFramework.Agents.Dqn;
using RlFramework.Envs.Classic;
using RlFramework.Models;

namespace RlFramework.Agents.Tests.Dqn;

public sealed class DqnAgentTests : IDisposable
{
    private static readonly DqnConfig Small = new()
    {
        TotalTimesteps = 2_000,
        LearningStarts = 200,
        TrainFrequency = 2,
        TargetNetworkFrequency = 50,
        BatchSize = 32,
        BufferSize = 1_000,
        HiddenSizes = [16, 16],
        LearningRate = 1e-3,
    };

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "dqn-tests-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    /// <summary>Drives the agent on CartPole for <paramref name="steps"/> steps from the env's current state.</summary>
    private static void Drive(DqnAgent agent, CartPoleEnv env, int steps)
    {
        var observation = (float[])env.State.Select(v => (float)v).ToArray();
        var action = new int[1];
        for (int i = 0; i < steps; i++)
        {
            agent.Act(observation, action, explore: true);
            var result = env.Step(action[0]);
            var next = (float[])result.Observation.Clone();
            agent.Observe(new Transitions<int>(observation, action, [result.Reward], next, [result.Terminated], [result.Truncated]));
            observation = result.Terminated ? (float[])env.Reset().Observation.Clone() : next;
        }
    }

    private static float[] Weights(DqnAgent agent) => agent.QNetwork.parameters().SelectMany(p => p.ToArray()).ToArray();

    [Fact]
    public void TheSameSeedTrainsBitIdenticalWeights()
    {
        float[] Train(int seed)
        {
            using var env = new CartPoleEnv();
            env.Reset(seed: 7);
            using var agent = new DqnAgent(Small, 4, 2, seed: seed);
            Drive(agent, env, 600);
            return Weights(agent);
        }
        var first = Train(3);
        Assert.Equal(first, Train(3));
        Assert.NotEqual(first, Train(4));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TdTargetsOnASecondThreadTrainTheSameWeightsAsOnOne(bool doubleDqn)
    {
        // With more than one thread the TD targets are computed on a background thread while the online forward pass
        // runs (for double DQN that thread also reads the online network); with one they are computed in line.
        float[] Train(int threads)
        {
            using var env = new CartPoleEnv();
            env.Reset(seed: 7);
            using var agent = new DqnAgent(Small with { DoubleDqn = doubleDqn }, 4, 2, seed: 5, threads: threads);
            Drive(agent, env, 800);
            return Weights(agent);
        }
        Assert.Equal(Train(1), Train(2));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void SaveThenLoadResumesBitIdentically(int nSteps)
    {
        var config = Small with { NSteps = nSteps };
        using var straightEnv = new CartPoleEnv();
        straightEnv.Reset(seed: 5);
        using var straight = new DqnAgent(config, 4, 2, seed: 1);
        Drive(straight, straightEnv, 800);

        using var firstEnv = new CartPoleEnv();
        firstEnv.Reset(seed: 5);
        using (var firstHalf = new DqnAgent(config, 4, 2, seed: 1))
        {
            Drive(firstHalf, firstEnv, 400);
            firstHalf.Save(_folder);
        }
        using var resumed = new DqnAgent(config, 4, 2, seed: 99); // a different seed: everything must come from the checkpoint
        resumed.Load(_folder);
        Assert.Equal(400, resumed.Steps);
        Drive(resumed, firstEnv, 400);
        Assert.Equal(Weights(straight), Weights(resumed));
    }

    [Fact]
    public void LearningReducesTheTdLossOnAFixedBatchOfExperience()
    {
        using var env = new CartPoleEnv();
        env.Reset(seed: 0);
        using var agent = new DqnAgent(Small with { TargetNetworkFrequency = 1_000_000 }, 4, 2, seed: 0);
        var losses = new List<double>();
        var observation = (float[])env.State.Select(v => (float)v).ToArray();
        var action = new int[1];
        for (int i = 0; i < 1_500; i++)
        {
            agent.Act(observation, action, explore: true);
            var result = env.Step(action[0]);
            var next = (float[])result.Observation.Clone();
            if (agent.Observe(new Transitions<int>(observation, action, [result.Reward], next, [result.Terminated], [result.Truncated])) is LearnerUpdate u)
                losses.Add(u.Loss);
            observation = result.Terminated ? (float[])env.Reset().Observation.Clone() : next;
        }
        Assert.True(losses.Count > 100);
        // With a frozen target the regression target moves only through replay: the loss must come down.
        Assert.True(losses.TakeLast(50).Average() < losses.Take(50).Average(), $"first {losses.Take(50).Average()}, last {losses.TakeLast(50).Average()}");
    }

    [Fact]
    public void BadShapesAreErrorsNamingBothSizes()
    {
        using var agent = new DqnAgent(Small, 4, 2, numEnvs: 2);
        var error = Assert.Throws<ArgumentException>(() => agent.Act(new float[4], new int[2], explore: false));
        Assert.Contains("2 envs of 4 values", error.Message);
        Assert.Contains("4 values", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new DqnAgent(Small, 4, 1));
    }

    [Fact]
    public void LoadingAnotherAgentsCheckpointIsRefused()
    {
        using (var agent = new DqnAgent(Small, 4, 2)) agent.Save(_folder);
        using var other = new DqnAgent(Small with { BufferSize = 500 }, 4, 2);
        Assert.Contains("500", Assert.Throws<InvalidDataException>(() => other.Load(_folder)).Message);
    }
}
