using RlFramework.Agents.Routing;
using RlFramework.Agents.Routing.Learners;
using RlFramework.Models;

namespace RlFramework.Agents.Tests.Routing;

public sealed class RoutingQAgentTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "rl-routing-q-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    private static readonly RoutingQConfig Small = new()
    {
        Dqn = new RoutingQConfig().Dqn with { LearningStarts = 10, BatchSize = 8, TargetNetworkFrequency = 5, TotalTimesteps = 100 },
        Width = 8,
        Modules = 3,
        RoutedLayers = 2,
    };

    /// <summary>Runs the agent on a fixed synthetic stream of transitions for two envs (tasks 1 and 0); returns the greedy Q-values of a probe.</summary>
    private static float[] Train(RoutingQAgent agent, int iterations, long stream = 9)
    {
        FormerCheckpointTests.Synthetic(agent, iterations, stream);
        using var scope = torch.NewDisposeScope();
        return agent.Trainer.Evaluate(torch.ones(2, 4), [0, 1]).Output.data<float>().ToArray();
    }

    [Fact]
    public void TheDefaultsFollowThePaperSgdPlusMinusOneRewardAndRouterEpsilonToOnePercent()
    {
        var routing = new RoutingQConfig().Routing;
        Assert.Equal((RoutingOptimizer.Sgd, FinalRewardKind.Correctness, 0.01), (routing.Optimizer, routing.FinalReward, routing.EndEpsilon));
        var adam = RoutingQConfig.FromJson("""{ "routing": { "optimizer": "adam", "final_reward": "negative_loss", "end_epsilon": 0.1 } }""");
        Assert.Equal((RoutingOptimizer.Adam, FinalRewardKind.NegativeLoss, 0.1), (adam.Routing.Optimizer, adam.Routing.FinalReward, adam.Routing.EndEpsilon));
    }

    [Fact]
    public void SameSeedLearnsIdentically()
    {
        using var a = new RoutingQAgent(Small, 4, 2, 2, [1, 0], seed: 3);
        using var b = new RoutingQAgent(Small, 4, 2, 2, [1, 0], seed: 3);
        using var c = new RoutingQAgent(Small, 4, 2, 2, [1, 0], seed: 4);
        var q = Train(a, 60);
        Assert.Equal(q, Train(b, 60));
        Assert.NotEqual(q, Train(c, 60));
        Assert.Equal(120, a.Steps);
        Assert.True(a.Trainer.Steps > 0);
        Assert.Equal(2, a.RouteOf(1).Length);
    }

    [Fact]
    public void SaveAndLoadResumeExactly()
    {
        using var a = new RoutingQAgent(Small with { Routing = Small.Routing with { CollaborationAlpha = 0.5 } }, 4, 2, 2, [1, 0], seed: 3);
        Train(a, 40);
        a.Save(_folder);
        var continued = Train(a, 30, stream: 10);
        using var b = new RoutingQAgent(Small with { Routing = Small.Routing with { CollaborationAlpha = 0.5 } }, 4, 2, 2, [1, 0], seed: 5);
        b.Load(_folder);
        Assert.Equal(40 * 2, b.Steps);
        Assert.Equal(continued, Train(b, 30, stream: 10));
        Assert.Equal(a.Trainer.Steps, b.Trainer.Steps);
        Assert.Equal(a.RouteOf(0), b.RouteOf(0));
    }

    [Fact]
    public void ConfigRoundTripsAndBadInputIsNamed()
    {
        Assert.Equal(Small.ToJson(), RoutingQConfig.FromJson(Small.ToJson()).ToJson());
        Assert.Contains("modules = 0", Assert.Throws<ArgumentException>(() => RoutingQConfig.FromJson("{\"modules\": 0}")).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new RoutingQAgent(Small, 4, 2, 2, [0, 2]));
    }

    [Theory]
    [InlineData("{\"dqn\": {\"n_steps\": 3}}", "dqn.n_steps = 3")]
    [InlineData("{\"dqn\": {\"max_grad_norm\": 10}}", "dqn.max_grad_norm = 10")]
    [InlineData("{\"dqn\": {\"hidden_sizes\": [32]}}", "dqn.hidden_sizes = [32]")]
    public void DqnFieldsTheAgentDoesNotUseAreRefusedByName(string json, string named)
    {
        var error = Assert.Throws<ArgumentException>(() => RoutingQConfig.FromJson(json));
        Assert.Contains(named, error.Message);
        Assert.Contains("not supported", error.Message);
    }

    [Fact]
    public void TauAndDoubleDqnChangeWhatIsLearned()
    {
        // Were either field ignored, its run would learn exactly what the plain run learns (same seed, same stream).
        float[] Run(RoutingQConfig config)
        {
            using var agent = new RoutingQAgent(config, 4, 2, 2, [1, 0], seed: 3);
            return Train(agent, 60);
        }
        var plain = Run(Small);
        Assert.Equal(plain, Run(Small));
        Assert.NotEqual(plain, Run(Small with { Dqn = Small.Dqn with { Tau = 0.5 } }));
        Assert.NotEqual(plain, Run(Small with { Dqn = Small.Dqn with { DoubleDqn = true } }));
    }

    [Fact]
    public void TheEpsilonScheduleFollowsAnEpisodeBudget()
    {
        using var agent = new RoutingQAgent(Small with { Dqn = Small.Dqn with { TotalEpisodes = 10, ExplorationFraction = 1 } }, 4, 2, 2, [1, 0], seed: 3);
        Assert.Equal(1.0, agent.Epsilon);
        Train(agent, 14); // env 0 ends an episode at iterations 0 and 7: two episodes
        Assert.Equal(1.0 - 0.95 * 2 / 10, agent.Epsilon, 12);
    }
}
