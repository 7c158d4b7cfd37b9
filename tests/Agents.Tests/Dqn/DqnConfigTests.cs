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
