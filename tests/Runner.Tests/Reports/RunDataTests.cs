using RlFramework.Runner.Logging;
using RlFramework.Runner.Reports;
using RlFramework.Runner.Training;

namespace RlFramework.Runner.Tests.Reports;

public class RunDataTests
{
    private static RunData Run(string? config) => new("run", "/runs/run",
        new RunSpec("CartPole-v1", "ppo", config, 1, 4, 500_000, 10_000), null, new Dictionary<string, MetricSeries>(), null);

    [Fact]
    public void ALongConfigIsNamedByAShortHashThatTellsConfigsApart()
    {
        string longConfig = "{ \"total_timesteps\": 500000, \"learning_rate\": 0.00025, \"num_envs\": 4, \"num_steps\": 128, \"anneal_lr\": true, \"gamma\": 0.99 }";
        var label = Run(longConfig).ConfigLabel;
        Assert.Matches("^CartPole-v1 · ppo · config [0-9a-f]{8}$", label);
        Assert.NotEqual(label, Run(longConfig.Replace("0.99", "0.98")).ConfigLabel);
        Assert.Equal(label, Run(longConfig).ConfigLabel);
        Assert.Equal("CartPole-v1 · ppo", Run(null).ConfigLabel);
    }
}
