using RlFramework.Agents.Drqn;
using RlFramework.Envs;

namespace RlFramework.Agents.Tests.Drqn;

public sealed class DrqnAgentTests : IDisposable
{
    /// <summary>A DRQN small enough for unit tests (also the former-checkpoint fixtures' config, with a smaller buffer).</summary>
    internal static readonly DrqnConfig Small = new()
    {
        HiddenSize = 8,
        RandomEpisodes = 3,
        BatchSize = 4,
        WindowLength = 5,
        TrainFrequency = 2,
        TargetNetworkFrequency = 5,
        BufferSize = 2_000,
        ExplorationSteps = 200,
    };

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "drqn-tests-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    /// <summary>Plays <paramref name="episodes"/> episodes of FlickeringCartPole-v0 and returns every action taken.</summary>
    private static List<int> Play(DrqnAgent agent, int episodes, int firstSeed = 0)
    {
        using var env = Gym.Make<float[], int>("FlickeringCartPole-v0");
        var taken = new List<int>();
        int[] action = [0];
        for (int e = 0; e < episodes; e++)
        {
            var observation = (float[])env.Reset(firstSeed + e).Observation.Clone();
            agent.StartEpisode(0);
            while (true)
            {
                agent.Act(observation, action, explore: true);
                var step = env.Step(action[0]);
                var next = (float[])step.Observation.Clone();
                agent.Observe(new Transitions<int>(observation, action, [step.Reward], next, [step.Terminated], [step.Truncated]));
                taken.Add(action[0]);
                observation = next;
                if (step.Terminated || step.Truncated) break;
            }
        }
        return taken;
    }

    [Theory]
    [InlineData(DrqnLearnerKind.Bptt, DrqnSampling.RandomWindows)]
    [InlineData(DrqnLearnerKind.EProp, DrqnSampling.RandomWindows)]
    [InlineData(DrqnLearnerKind.EProp, DrqnSampling.WholeEpisodes)]
    [InlineData(DrqnLearnerKind.Bptt, DrqnSampling.RandomWindows, 3)]
    public void Same_seed_same_run_and_learning_starts_after_the_random_episodes(DrqnLearnerKind learner, DrqnSampling sampling, int burnIn = 0)
    {
        var config = Small with { Learner = learner, Sampling = sampling, BurnIn = burnIn, MaxEpisodeLength = 12, TraceEcho = 0.5, Accumulation = Models.EProp.EPropAccumulation.FinalStep };
        using var a = new DrqnAgent(config, 4, 2, seed: 3);
        using var b = new DrqnAgent(config, 4, 2, seed: 3);
        var first = Play(a, 3);
        Assert.Equal(0, a.Updates);
        Assert.False(a.Filling);
        first.AddRange(Play(a, 4, 3));
        Assert.True(a.Updates > 0);
        Assert.Equal(first, Play(b, 7));
        Assert.Equal(a.QNetwork.parameters().Select(p => p.ToArray()), b.QNetwork.parameters().Select(p => p.ToArray()));
    }

    [Fact]
    public void Save_and_load_resume_exactly()
    {
        using var a = new DrqnAgent(Small with { Learner = DrqnLearnerKind.EProp }, 4, 2, seed: 5);
        Play(a, 4);
        Assert.True(a.Updates > 0);
        a.Save(_folder);
        using var b = new DrqnAgent(Small with { Learner = DrqnLearnerKind.EProp }, 4, 2, seed: 99);
        b.Load(_folder);
        Assert.Equal(Play(a, 2, 100), Play(b, 2, 100));
        Assert.Equal(a.QNetwork.parameters().Select(p => p.ToArray()), b.QNetwork.parameters().Select(p => p.ToArray()));
    }

    [Fact]
    public void Config_round_trips_as_snake_case_json_and_names_bad_values()
    {
        var config = new DrqnConfig { Learner = DrqnLearnerKind.EProp, TraceScaling = 0.01, Feedback = Models.EProp.LearningSignalFeedback.Random };
        string json = config.ToJson();
        Assert.Contains("\"trace_scaling\": 0.01", json);
        Assert.Contains("\"learner\": \"e_prop\"", json);
        Assert.Equal(config, DrqnConfig.FromJson(json));
        Assert.Equal((32, 3e-4, 200), (new DrqnConfig().HiddenSize, new DrqnConfig().LearningRate, new DrqnConfig().RandomEpisodes));
        Assert.Contains("trace_scaling = 2", Assert.Throws<ArgumentException>(() => DrqnConfig.FromJson("{\"trace_scaling\": 2}")).Message);
        Assert.Contains("hidden_units", Assert.Throws<ArgumentException>(() => DrqnConfig.FromJson("{\"hidden_units\": 2}")).Message);
        Assert.Equal(0.5, DrqnConfig.FromJson("{\"adam_epsilon\": 0.5}").AdamEpsilon);
        Assert.Contains("adam_epsilon = 0", Assert.Throws<ArgumentException>(() => DrqnConfig.FromJson("{\"adam_epsilon\": 0}")).Message);
        Assert.Contains("burn_in = -2", Assert.Throws<ArgumentException>(() => DrqnConfig.FromJson("{\"burn_in\": -2}")).Message);
        Assert.Equal((5, DrqnSampling.WholeEpisodes), (DrqnConfig.FromJson("{\"sampling\": \"whole_episodes\"}").BurnIn, DrqnConfig.FromJson("{\"sampling\": \"whole_episodes\"}").Sampling));
    }

    [Fact]
    public void Epsilon_is_one_while_filling_then_falls_linearly()
    {
        var config = Small with { ExplorationSteps = 100 };
        Assert.Equal(1.0, config.EpsilonAt(0));
        Assert.Equal(1.0 - 0.95 / 2, config.EpsilonAt(50), 12);
        Assert.Equal(0.05, config.EpsilonAt(1000), 12);
    }
}
