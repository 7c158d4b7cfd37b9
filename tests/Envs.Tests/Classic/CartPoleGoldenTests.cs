using RlFramework.Envs.Classic;

namespace RlFramework.Envs.Tests.Classic;

/// <summary>Every step of 50 episodes produced by Gymnasium's own CartPoleEnv (shared/reference).</summary>
public class CartPoleGoldenTests
{
    public static TheoryData<int> Episodes =>
        new(Enumerable.Range(0, Fixture.Json("cartpole_gymnasium_trajectories.json").GetProperty("episodes").GetArrayLength()));

    [Theory, MemberData(nameof(Episodes))]
    public void TrajectoryMatchesGymnasium(int index)
    {
        var episode = Fixture.Json("cartpole_gymnasium_trajectories.json").GetProperty("episodes")[index];
        var physics = new CartPolePhysics { SuttonBartoReward = episode.GetProperty("sutton_barto_reward").GetBoolean() };
        EnvLog.WriteToStandardError = false;
        using var env = new CartPoleEnv(physics);
        env.Reset(seed: 0);
        env.State = episode.GetProperty("initial_state").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        int step = 0;
        foreach (var expected in episode.GetProperty("steps").EnumerateArray())
        {
            var result = env.Step(expected.GetProperty("action").GetInt32());
            var observation = expected.GetProperty("obs").EnumerateArray().Select(e => e.GetSingle()).ToArray();
            var state = expected.GetProperty("state").EnumerateArray().Select(e => e.GetDouble()).ToArray();
            for (int i = 0; i < 4; i++)
            {
                Assert.True(Math.Abs(observation[i] - result.Observation[i]) <= 1e-6, $"episode {index} step {step} obs[{i}]: {result.Observation[i]} vs {observation[i]}");
                Assert.True(Math.Abs(state[i] - env.State[i]) <= 1e-9, $"episode {index} step {step} state[{i}]: {env.State[i]} vs {state[i]}");
            }
            Assert.Equal(expected.GetProperty("reward").GetDouble(), result.Reward);
            Assert.Equal(expected.GetProperty("terminated").GetBoolean(), result.Terminated);
            Assert.False(result.Truncated);
            step++;
        }
    }

    [Fact]
    public void SeededResetMatchesGymnasiumDocumentedObservation()
    {
        // Gymnasium: gym.make("CartPole-v1").reset(seed=42)[0] == [0.0273956, -0.00611216, 0.03585979, 0.0197368]
        using var env = new CartPoleEnv();
        var (observation, info) = env.Reset(seed: 42);
        Assert.Equal([0.0273956f, -0.00611216f, 0.03585979f, 0.0197368f], observation, (a, b) => Math.Abs(a - b) < 1e-7f);
        Assert.Empty(info);
    }
}
