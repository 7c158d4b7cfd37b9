using System.Text.Json;
using RlFramework.Agents.Dqn;
using RlFramework.Agents.Drqn;
using RlFramework.Agents.Routing;
using RlFramework.Agents.Tests.Drqn;
using RlFramework.Envs;
using RlFramework.Envs.Classic;
using RlFramework.Models;
using RlFramework.Models.Modules;

namespace RlFramework.Agents.Tests;

/// <summary>
/// Fixtures/Checkpoints/&lt;agent&gt;/ hold checkpoints written by commit 785d02f (before the replay buffers had named
/// extra fields: DQN's n-step horizon, DRQN's previous action and the routing agent's task id rode in a second action
/// element, replay file version 1). That code ran <see cref="Start"/>, saved the checkpoint, ran <see cref="Continue"/>
/// and wrote the Q-network's weights to expected.json. Today's code must load the checkpoint and continue to the same
/// weights bit for bit, and a straight run (no checkpoint) must reach them too.
/// </summary>
public sealed class FormerCheckpointTests
{
    private static readonly DqnConfig Dqn = new()
    {
        LearningStarts = 100,
        TrainFrequency = 2,
        TargetNetworkFrequency = 50,
        BatchSize = 16,
        BufferSize = 500,
        HiddenSizes = [16, 16],
        LearningRate = 1e-3,
        NSteps = 3,
        TotalTimesteps = 1_000,
    };

    private static readonly DrqnConfig Drqn = DrqnAgentTests.Small with { BufferSize = 1_000, BurnIn = 0 }; // burn-in 0: the default when the fixtures were written

    private static readonly RoutingQConfig Routing = new()
    {
        Dqn = new RoutingQConfig().Dqn with { LearningStarts = 10, BatchSize = 8, TargetNetworkFrequency = 5, TotalTimesteps = 100, BufferSize = 200 },
        Width = 8,
        Modules = 3,
        RoutedLayers = 2,
    };

    public static TheoryData<string> Agents => new() { "dqn", "drqn", "routing_q" };

    [Theory]
    [MemberData(nameof(Agents))]
    public void ACheckpointOfTheFormerCodeLoadsAndContinuesToTheRecordedWeights(string name)
    {
        using IAgent<int> agent = Create(name, seed: 99); // another seed: everything must come from the checkpoint
        agent.Load(Path.Combine(Folder, name));
        Continue(agent);
        Assert.Equal(Expected(name), Weights(agent));
    }

    [Theory]
    [MemberData(nameof(Agents))]
    public void AStraightRunReachesTheWeightsTheFormerCodeReached(string name)
    {
        using IAgent<int> agent = Create(name, seed: 3);
        Start(agent);
        Continue(agent);
        Assert.Equal(Expected(name), Weights(agent));
    }

    internal static string Folder => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Checkpoints");

    internal static IAgent<int> Create(string name, long seed) => name switch
    {
        "dqn" => new DqnAgent(Dqn, 4, 2, seed: seed),
        "drqn" => new DrqnAgent(Drqn, 4, 2, seed: seed),
        _ => new RoutingQAgent(Routing, 4, 2, 2, [1, 0], seed: seed),
    };

    /// <summary>The part before the checkpoint: every agent has learned, and DQN and DRQN stop inside an episode.</summary>
    internal static void Start(IAgent<int> agent)
    {
        if (agent is RoutingQAgent) Synthetic(agent, 40, stream: 9);
        else CartPole(agent, agent is DqnAgent ? "CartPole-v1" : "FlickeringCartPole-v0", 300, seed: 5);
    }

    /// <summary>The part after the checkpoint.</summary>
    internal static void Continue(IAgent<int> agent)
    {
        if (agent is RoutingQAgent) Synthetic(agent, 30, stream: 10);
        else CartPole(agent, agent is DqnAgent ? "CartPole-v1" : "FlickeringCartPole-v0", 200, seed: 50);
    }

    internal static float[] Weights(IAgent<int> agent)
    {
        Module q = agent switch
        {
            DqnAgent d => d.QNetwork,
            DrqnAgent d => d.QNetwork,
            RoutingQAgent r => r.QNetwork,
            _ => throw new ArgumentException($"No Q-network known for {agent.Name}.", nameof(agent)),
        };
        return [.. q.parameters().SelectMany(p => p.ToArray())];
    }

    private static float[] Expected(string name) =>
        JsonSerializer.Deserialize<float[]>(File.ReadAllText(Path.Combine(Folder, name, "expected.json")))!;

    /// <summary><paramref name="steps"/> steps of <paramref name="id"/>, episodes reset with seeds counting up from <paramref name="seed"/>.</summary>
    private static void CartPole(IAgent<int> agent, string id, int steps, int seed)
    {
        using var env = Gym.Make<float[], int>(id);
        var observation = (float[])env.Reset(seed).Observation.Clone();
        agent.StartEpisode(0);
        int[] action = [0];
        for (int i = 0; i < steps; i++)
        {
            agent.Act(observation, action, explore: true);
            var step = env.Step(action[0]);
            var next = (float[])step.Observation.Clone();
            agent.Observe(new Transitions<int>(observation, action, [step.Reward], next, [step.Terminated], [step.Truncated]));
            observation = next;
            if (step.Terminated || step.Truncated)
            {
                observation = (float[])env.Reset(++seed).Observation.Clone();
                agent.StartEpisode(0);
            }
        }
    }

    /// <summary>A fixed synthetic stream for two envs (tasks 1 and 0); the routing agent's own tests use it too.</summary>
    internal static void Synthetic(IAgent<int> agent, int iterations, long stream)
    {
        var g = new Generator(stream);
        var observations = new float[8];
        var next = new float[8];
        var actions = new int[2];
        for (int i = 0; i < iterations; i++)
        {
            g.FillNormal(observations, 0, 1);
            g.FillNormal(next, 0, 1);
            agent.Act(observations, actions, explore: true);
            agent.Observe(new Transitions<int>(observations, actions, [1.0, -1.0], next, [i % 7 == 0, false], [false, false]));
        }
    }
}
