using System.Text.Json;
using RlFramework.Runner.Cli.Sweeps;
using RlFramework.Runner.Logging;

namespace RlFramework.Runner.Tests.Sweeps;

public sealed class SweepFileTests
{
    private const string Command = "'command': { 'agent': 'dqn', 'env': 'CartPole-v1', 'steps': 2000, 'config': { 'buffer_size': 1000 } }";

    /// <summary>Parses the top-level fields <paramref name="body"/>, written with single quotes for readability.</summary>
    private static SweepPlan Parse(string body) => SweepFile.Parse("{" + body.Replace('\'', '"') + "}", "sweep.json");

    private static string Error(string body) => Assert.Throws<ArgumentException>(() => Parse(body)).Message;

    private static JsonElement Config(SweepTrial trial) => JsonDocument.Parse(trial.Spec.AgentConfig!).RootElement;

    [Fact]
    public void AGridTimesSeedsGivesEveryCombinationSeedsInnermost()
    {
        var plan = Parse(Command + ", 'grid': { 'learning_rate': [0.001, 0.0005], 'gamma': [0.9, 0.99, 0.999] }, 'seeds': [3, 4]");
        Assert.Equal(12, plan.Trials.Count);
        Assert.Equal(Enumerable.Range(0, 12), plan.Trials.Select(t => t.Index));
        Assert.Equal("learning_rate=0.001 gamma=0.9 seed=3", plan.Trials[0].Label);
        Assert.Equal("learning_rate=0.001 gamma=0.9 seed=4", plan.Trials[1].Label);
        Assert.Equal("learning_rate=0.0005 gamma=0.999 seed=4", plan.Trials[11].Label);
        var last = plan.Trials[11];
        Assert.Equal((4, 0.0005, 0.999, 1000), (last.Spec.Seed, Config(last).GetProperty("learning_rate").GetDouble(),
            Config(last).GetProperty("gamma").GetDouble(), Config(last).GetProperty("buffer_size").GetInt32()));
        // the run's exploration schedule follows the sweep's budget, as `rl train --steps` makes it
        Assert.Equal(2000, Config(last).GetProperty("total_timesteps").GetInt64());
        Assert.Equal(2000, last.Spec.TotalSteps);
        Assert.Equal(MetricTags.EpisodicReturn, plan.Metric);
        Assert.True(plan.Maximize);
    }

    [Fact]
    public void RandomSamplesAreSeededAndInRange()
    {
        const string random = ", 'random': { 'samples': 20, 'seed': 7, 'fields': { 'learning_rate': { 'log_uniform': [0.0001, 0.01] }, 'batch_size': { 'choice': [32, 64] }, 'train_frequency': { 'int': [1, 4] } } }";
        var first = Parse(Command + random);
        var again = Parse(Command + random);
        var other = Parse(Command + random.Replace("'seed': 7", "'seed': 8", StringComparison.Ordinal));
        Assert.Equal(first.Trials.Select(t => t.Label), again.Trials.Select(t => t.Label));
        Assert.NotEqual(first.Trials.Select(t => t.Label), other.Trials.Select(t => t.Label));
        var rates = first.Trials.Select(t => Config(t).GetProperty("learning_rate").GetDouble()).ToArray();
        Assert.All(rates, r => Assert.InRange(r, 0.0001, 0.01));
        Assert.InRange(rates.Count(r => r < 0.001), 5, 15); // log-uniform: half the mass below 0.001 (uniform would put 9 % there)
        Assert.Equal([32, 64], first.Trials.Select(t => Config(t).GetProperty("batch_size").GetInt32()).Distinct().Order());
        Assert.Equal([1, 2, 3, 4], first.Trials.Select(t => Config(t).GetProperty("train_frequency").GetInt32()).Distinct().Order());
    }

    [Theory]
    [InlineData("'comand': {}", "sweep.json: $.comand is not a known field (did you mean command?)")]
    [InlineData(Command + ", 'grid': { 'learning_rate': [] }", "sweep.json: $.grid.learning_rate is []; expected a non-empty array of values.")]
    [InlineData(Command + ", 'seeds': [1, -2]", "sweep.json: $.seeds is [1,-2]; expected a non-empty array of non-negative integers.")]
    [InlineData(Command + ", 'goal': 'up' ", "sweep.json: $.goal is 'up'; expected \"max\" or \"min\".")]
    [InlineData("'command': { 'agent': 'dqn', 'env': 'CartPole-v1' }", "sweep.json: $.command gives neither steps and episodes")]
    [InlineData("'command': { 'agent': 'dqn', 'env': 'CartPole-v1', 'steps': -5 }", "sweep.json: $.command.steps is -5; expected a positive integer.")]
    [InlineData("'command': { 'agent': 'sac', 'env': 'CartPole-v1', 'steps': 5 }", "sweep.json: $.command.agent is 'sac'; expected one of random, dqn, drqn, ppo.")]
    [InlineData(Command + ", 'grid': { 'buffer_size': [10, 20] }", "sweep.json: $.command.config.buffer_size is fixed in the command and varied in grid or random")]
    [InlineData(Command + ", 'random': { 'samples': 2, 'fields': { 'gamma': { 'normal': [0, 1] } } }", "sweep.json: $.random.fields.gamma is {\"normal\":[0,1]}; expected one of")]
    [InlineData(Command + ", 'random': { 'samples': 2, 'fields': { 'gamma': { 'log_uniform': [0, 1] } } }", "sweep.json: $.random.fields.gamma.log_uniform is [0, 1]; expected low < high and low > 0.")]
    public void EachMistakeIsOneMessageNamingTheField(string body, string expected) => Assert.StartsWith(expected, Error(body), StringComparison.Ordinal);

    [Fact]
    public void AnInvalidAgentConfigNamesTheTrial()
    {
        string message = Error(Command + ", 'grid': { 'learning_rat': [0.1] }");
        Assert.StartsWith("sweep.json, trial learning_rat=0.1 seed=0: The DQN config has no field 'learning_rat'; its fields are", message, StringComparison.Ordinal);
        Assert.StartsWith("sweep.json, trial gamma=2 seed=0: DQN config gamma = 2 is invalid", Error(Command + ", 'grid': { 'gamma': [0.5, 2] }"), StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownEnvAndMalformedJsonAreRefused()
    {
        Assert.StartsWith("sweep.json: $.command.env 'CartPol-v1' cannot be trained on", Error("'command': { 'agent': 'random', 'env': 'CartPol-v1', 'steps': 5 }"), StringComparison.Ordinal);
        Assert.StartsWith("sweep.json is not valid JSON", Assert.Throws<ArgumentException>(() => SweepFile.Parse("{ \"command\": ", "sweep.json")).Message, StringComparison.Ordinal);
    }
}
