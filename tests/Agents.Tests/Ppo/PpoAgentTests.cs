using RlFramework.Agents.Ppo;
using RlFramework.Envs.Classic;
using RlFramework.Envs.Spaces;

namespace RlFramework.Agents.Tests.Ppo;

public sealed class PpoAgentTests : IDisposable
{
    private static readonly PpoConfig Small = new() { NumEnvs = 2, NumSteps = 32, NumMinibatches = 4, UpdateEpochs = 2, TotalTimesteps = 2_000 };

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ppo-tests-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    /// <summary>Drives a discrete agent on two CartPoles for <paramref name="steps"/> iterations; returns the updates it made.</summary>
    private static List<LearnerUpdate> Drive(PpoAgent agent, CartPoleEnv[] envs, int steps)
    {
        var updates = new List<LearnerUpdate>();
        var observations = envs.SelectMany(e => e.State.Select(v => (float)v)).ToArray();
        var actions = new int[envs.Length];
        for (int i = 0; i < steps; i++)
        {
            agent.Act(observations, actions, explore: true);
            var next = new float[observations.Length];
            var (rewards, terminated, truncated) = (new double[envs.Length], new bool[envs.Length], new bool[envs.Length]);
            for (int e = 0; e < envs.Length; e++)
            {
                var result = envs[e].Step(actions[e]);
                result.Observation.CopyTo(next, e * 4);
                (rewards[e], terminated[e], truncated[e]) = (result.Reward, result.Terminated, result.Truncated);
            }
            if (agent.Observe(new Transitions<int>(observations, actions, rewards, next, terminated, truncated)) is { } update) updates.Add(update);
            for (int e = 0; e < envs.Length; e++)
                if (terminated[e] || truncated[e]) envs[e].Reset().Observation.CopyTo(next, e * 4);
            observations = next;
        }
        return updates;
    }

    private static CartPoleEnv[] Envs()
    {
        var envs = new[] { new CartPoleEnv(), new CartPoleEnv() };
        for (int e = 0; e < envs.Length; e++) envs[e].Reset(seed: 10 + e);
        return envs;
    }

    private static float[] Weights(IEnumerable<Models.Modules.Parameter> parameters) => parameters.SelectMany(p => p.ToArray()).ToArray();

    [Fact]
    public void TheSameSeedTrainsBitIdenticalWeightsAndAnotherSeedDoesNot()
    {
        using var a = new PpoAgent(Small, 4, 2, 2, seed: 1);
        using var b = new PpoAgent(Small, 4, 2, 2, seed: 1);
        using var c = new PpoAgent(Small, 4, 2, 2, seed: 2);
        var updates = Drive(a, Envs(), 200);
        Drive(b, Envs(), 200);
        Drive(c, Envs(), 200);
        Assert.Equal(6, updates.Count); // 200 iterations, a rollout every 32
        Assert.Equal(Weights(a.Parameters), Weights(b.Parameters));
        Assert.NotEqual(Weights(a.Parameters), Weights(c.Parameters));
        var metrics = updates[^1].Metrics!;
        foreach (var tag in new[] { "losses/value_loss", "losses/policy_loss", "losses/entropy", "losses/approx_kl", "losses/clipfrac", "losses/explained_variance", "charts/learning_rate" })
            Assert.True(double.IsFinite(metrics[tag]), tag);
        Assert.Equal(Small.LearningRate * (1 - 5.0 / Small.NumIterations), metrics["charts/learning_rate"], 12);
    }

    /// <summary>
    /// Feeds one scripted rollout of 32 steps to a discrete agent (the same seed every time) in which env 0's episode
    /// ends at step 9 with <paramref name="ending"/>, and returns the weights after the rollout's update.
    /// </summary>
    private static float[] WeightsAfterARolloutEndingIn(PpoConfig config, string ending)
    {
        using var agent = new PpoAgent(config, 4, 2, 2, seed: 3);
        var random = new Random(5);
        var observations = new float[8];
        var actions = new int[2];
        for (int step = 0; step < config.NumSteps; step++)
        {
            for (int i = 0; i < observations.Length; i++) observations[i] = (float)(random.NextDouble() - 0.5);
            agent.Act(observations, actions, explore: true);
            var next = Enumerable.Range(0, 8).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
            bool ends = step == 9;
            agent.Observe(new Transitions<int>(observations, actions, [1.0, 1.0], next, [ends && ending == "terminated", false], [ends && ending == "truncated", false]));
        }
        return Weights(agent.Parameters);
    }

    [Fact]
    public void WithoutBootstrappingATruncationTrainsAsATerminationDoes()
    {
        var cleanRl = Small with { BootstrapTruncation = false };
        Assert.Equal(WeightsAfterARolloutEndingIn(Small, "terminated"), WeightsAfterARolloutEndingIn(cleanRl, "truncated"));
        Assert.Equal(WeightsAfterARolloutEndingIn(Small, "terminated"), WeightsAfterARolloutEndingIn(cleanRl, "terminated"));
        Assert.NotEqual(WeightsAfterARolloutEndingIn(Small, "terminated"), WeightsAfterARolloutEndingIn(Small, "truncated")); // bootstrapped
        Assert.True(new PpoConfig().BootstrapTruncation);
        Assert.False(PpoConfig.FromJson("""{ "bootstrap_truncation": false }""", continuous: true).BootstrapTruncation);
    }

    [Fact]
    public void SavingMidRolloutAndLoadingContinuesBitIdentically()
    {
        using var straight = new PpoAgent(Small, 4, 2, 2, seed: 4);
        var straightEnvs = Envs();
        Drive(straight, straightEnvs, 150);

        using var first = new PpoAgent(Small, 4, 2, 2, seed: 4);
        var envs = Envs();
        Drive(first, envs, 70); // 70 = 2 rollouts + 6 steps of the third
        first.Save(_folder);
        using var resumed = new PpoAgent(Small, 4, 2, 2, seed: 99);
        resumed.Load(_folder);
        Drive(resumed, envs, 80);
        Assert.Equal(Weights(straight.Parameters), Weights(resumed.Parameters));
        Assert.Equal(straight.Steps, resumed.Steps);
    }

    [Fact]
    public void TheContinuousAgentClipsItsActionsAndResumesBitIdentically()
    {
        var space = new Box<float>(-2f, 2f, 1);
        var config = PpoConfig.Continuous with { NumSteps = 64, NumMinibatches = 4, UpdateEpochs = 2, TotalTimesteps = 1_000 };
        List<float> Run(ContinuousPpoAgent agent, int from, int steps, Action? midway = null)
        {
            var seen = new List<float>();
            var actions = new float[1][];
            for (int i = from; i < from + steps; i++)
            {
                float[] observation = [MathF.Sin(i * 0.1f), MathF.Cos(i * 0.1f), i % 7];
                agent.Act(observation, actions, explore: true);
                Assert.InRange(actions[0][0], -2f, 2f);
                seen.Add(actions[0][0]);
                float[] next = [MathF.Sin((i + 1) * 0.1f), MathF.Cos((i + 1) * 0.1f), (i + 1) % 7];
                agent.Observe(new Transitions<float[]>(observation, actions, [-(double)actions[0][0] * actions[0][0]], next, [false], [i % 50 == 49]));
            }
            return seen;
        }
        using var straight = new ContinuousPpoAgent(config, 3, space, 1, seed: 5);
        var all = Run(straight, 0, 200);
        Assert.Contains(all, a => MathF.Abs(a) == 2f); // log-std 0 and a mean near 0: some samples fall outside ±2 and are clipped
        using var first = new ContinuousPpoAgent(config, 3, space, 1, seed: 5);
        Run(first, 0, 100);
        first.Save(_folder);
        using var resumed = new ContinuousPpoAgent(config, 3, space, 1, seed: 6);
        resumed.Load(_folder);
        Assert.Equal(all.Skip(100), Run(resumed, 100, 100));
        Assert.Equal(Weights(straight.Parameters), Weights(resumed.Parameters));
        Assert.NotEqual(0f, straight.LogStd.data<float>()[0]);
    }

    [Fact]
    public void TheGreedyPolicyIsTheArgMaxAndLeavesTrainingAlone()
    {
        using var a = new PpoAgent(Small, 4, 2, 2, seed: 8);
        using var b = new PpoAgent(Small, 4, 2, 2, seed: 8);
        var policy = a.CreatePolicy(3);
        var actions = new int[3];
        policy.Act(new float[12], actions);
        Drive(a, Envs(), 100);
        Drive(b, Envs(), 100);
        Assert.Equal(Weights(a.Parameters), Weights(b.Parameters));
        Assert.Throws<ArgumentException>(() => policy.Act(new float[8], actions));
    }

    [Theory]
    [InlineData("""{ "learning_rat": 0.1 }""", "learning_rat")]
    [InlineData("""{ "num_minibatches": 3 }""", "num_minibatches = 3")]
    [InlineData("""{ "clip_coef": -0.1 }""", "clip_coef = -0.1")]
    [InlineData("""{ "num_envs": "four" }""", "num_envs")]
    public void ABadConfigIsRefusedNamingTheField(string json, string named) =>
        Assert.Contains(named, Assert.Throws<ArgumentException>(() => PpoConfig.FromJson(json, continuous: false)).Message);

    [Fact]
    public void AnUnknownFieldIsNamedWithTheFieldsThereAre()
    {
        string message = Assert.Throws<ArgumentException>(() => PpoConfig.FromJson("""{ "gamma": 0.9, "learning_rat": 0.1 }""", continuous: true)).Message;
        Assert.Equal(
            "The PPO config has no field 'learning_rat'; its fields are anneal_lr, bootstrap_truncation, clip_coef, clip_vloss, ent_coef, gae_lambda, gamma, "
            + "learning_rate, max_grad_norm, norm_adv, normalize_observation, normalize_reward, num_envs, num_minibatches, num_steps, "
            + "target_kl, total_timesteps, update_epochs, vf_coef.",
            message);
    }

    [Fact]
    public void AConfigKeepsTheDefaultsOfItsActionSpaceForTheFieldsItLeavesOut()
    {
        var discrete = PpoConfig.FromJson("""{ "ent_coef": 0.02 }""", continuous: false);
        Assert.Equal(new PpoConfig() with { EntCoef = 0.02 }, discrete);
        var continuous = PpoConfig.FromJson("""{ "num_steps": 1024 }""", continuous: true);
        Assert.Equal(PpoConfig.Continuous with { NumSteps = 1024 }, continuous);
        Assert.Equal(continuous, PpoConfig.FromJson(continuous.ToJson(), continuous: false));
    }

    [Fact]
    public void AnAgentForAnotherNumberOfEnvsThanItsConfigIsRefused() =>
        Assert.Contains("num_envs = 2", Assert.Throws<ArgumentException>(() => new PpoAgent(Small, 4, 2, 3)).Message);
}
