using RlFramework.Agents.Dqn;

namespace RlFramework.Agents.Tests.Dqn;

public class DqnConfigTests
{
    [Fact]
    public void DefaultsAreCleanRlsDqnDefaults()
    {
        var c = new DqnConfig();
        Assert.Equal((2.5e-4, 10_000, 0.99, 1.0, 500, 128), (c.LearningRate, c.BufferSize, c.Gamma, c.Tau, c.TargetNetworkFrequency, c.BatchSize));
        Assert.Equal((1.0, 0.05, 0.5, 10_000L, 10), (c.StartEpsilon, c.EndEpsilon, c.ExplorationFraction, c.LearningStarts, c.TrainFrequency));
        Assert.Equal([120, 84], c.HiddenSizes);
    }

    [Fact]
    public void EpsilonFallsLinearlyOverTheExplorationFractionThenStays()
    {
        var c = new DqnConfig { TotalTimesteps = 1000 };
        Assert.Equal(1.0, c.EpsilonAt(0));
        Assert.Equal(1.0 - 0.95 * 250 / 500, c.EpsilonAt(250), 12);
        Assert.Equal(0.05, c.EpsilonAt(500), 12);
        Assert.Equal(0.05, c.EpsilonAt(900));
    }

    [Fact]
    public void WithAnEpisodeBudgetEpsilonFollowsFinishedEpisodes()
    {
        var c = new DqnConfig { TotalTimesteps = 1000, TotalEpisodes = 40 };
        Assert.Equal(1.0, c.EpsilonAt(steps: 900, episodes: 0));
        Assert.Equal(1.0 - 0.95 * 10 / 20, c.EpsilonAt(steps: 5, episodes: 10), 12);
        Assert.Equal(0.05, c.EpsilonAt(steps: 5, episodes: 20), 12);
        Assert.Equal(c.EpsilonAt(250), (c with { TotalEpisodes = null }).EpsilonAt(steps: 250, episodes: 39));
        Assert.Contains("total_episodes = 0", Assert.Throws<ArgumentException>(() => DqnConfig.FromJson("""{ "total_episodes": 0 }""")).Message);
    }

    [Fact]
    public void ARepeatedFieldIsRefused()
    {
        var repeated = Assert.Throws<ArgumentException>(() => DqnConfig.FromJson("""{ "gamma": 0.9, "gamma": 0.99 }"""));
        Assert.Contains("gamma", repeated.Message);
    }

    [Fact]
    public void JsonRoundTripsAndUnknownFieldsAreNamed()
    {
        var c = DqnConfig.FromJson("""{ "learning_rate": 0.001, "double_dqn": true, "loss": "huber", "hidden_sizes": [64, 64] }""");
        Assert.Equal((0.001, true, DqnLoss.Huber), (c.LearningRate, c.DoubleDqn, c.Loss));
        Assert.Equal([64, 64], c.HiddenSizes);
        Assert.Equal(c.ToJson(), DqnConfig.FromJson(c.ToJson()).ToJson());
        var unknown = Assert.Throws<ArgumentException>(() => DqnConfig.FromJson("""{ "learning_rat": 0.001 }"""));
        Assert.Contains("learning_rat", unknown.Message);
        var range = Assert.Throws<ArgumentException>(() => DqnConfig.FromJson("""{ "gamma": 1.5 }"""));
        Assert.Contains("gamma = 1.5", range.Message);
        var type = Assert.Throws<ArgumentException>(() => DqnConfig.FromJson("""{ "batch_size": "big" }"""));
        Assert.Contains("batch_size", type.Message);
    }
}
