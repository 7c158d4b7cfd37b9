using System.Text.Json;
using RlFramework.Envs.Classic;

namespace RlFramework.Envs.Tests.Classic;

/// <summary>
/// Every step of 32 episodes recorded from Gymnasium 1.4's own unwrapped MountainCar, MountainCarContinuous, Acrobot
/// and Pendulum envs (shared/reference): <c>reset(seed)</c>, then the recorded actions (continuous ones partly outside
/// the bounds, so clipping is exercised).
/// Pendulum's recording used a sine that is not correctly rounded (up to 1.25 ulp off where glibc's, and so .NET's,
/// is within 0.5 ulp: measured on its first differing steps), so its free-running rewards drift by up to 1.5e-9;
/// started from each recorded state, every env's step matches Gymnasium's reward exactly.
/// </summary>
public class ClassicControlGoldenTests
{
    private const string File = "classic_control_gymnasium_trajectories.json";

    public static TheoryData<int> Episodes => new(Enumerable.Range(0, Fixture.Json(File).GetProperty("episodes").GetArrayLength()));

    private static double[] Doubles(JsonElement array) => array.EnumerateArray().Select(e => e.GetDouble()).ToArray();

    private static IEnv Create(string id) => id switch
    {
        "MountainCar-v0" => new MountainCarEnv(),
        "MountainCarContinuous-v0" => new ContinuousMountainCarEnv(),
        "Acrobot-v1" => new AcrobotEnv(),
        "Pendulum-v1" => new PendulumEnv(),
        _ => throw new ArgumentException($"The fixture has an env this test does not know: {id}."),
    };

    private static double[] StateOf(IEnv env) => env switch
    {
        MountainCarEnv car => car.State,
        ContinuousMountainCarEnv car => car.State,
        AcrobotEnv acrobot => acrobot.State,
        PendulumEnv pendulum => pendulum.State,
        _ => throw new ArgumentException(env.ToString()),
    };

    private static void SetState(IEnv env, double[] state)
    {
        switch (env)
        {
            case MountainCarEnv car: car.State = state; break;
            case ContinuousMountainCarEnv car: car.State = state; break;
            case AcrobotEnv acrobot: acrobot.State = state; break;
            case PendulumEnv pendulum: pendulum.State = state; break;
            default: throw new ArgumentException(env.ToString());
        }
    }

    private static object Action(JsonElement action) =>
        action.ValueKind == JsonValueKind.Array ? action.EnumerateArray().Select(e => e.GetSingle()).ToArray() : action.GetInt32();

    [Fact]
    public void TheFixtureHoldsEightEpisodesOfEachEnv()
    {
        var counts = Fixture.Json(File).GetProperty("episodes").EnumerateArray().GroupBy(e => e.GetProperty("env").GetString()).ToDictionary(g => g.Key!, g => g.Count());
        Assert.Equal(new Dictionary<string, int> { ["MountainCar-v0"] = 8, ["MountainCarContinuous-v0"] = 8, ["Acrobot-v1"] = 8, ["Pendulum-v1"] = 8 }, counts);
    }

    [Theory, MemberData(nameof(Episodes))]
    public void TrajectoryMatchesGymnasium(int index)
    {
        var episode = Fixture.Json(File).GetProperty("episodes")[index];
        string id = episode.GetProperty("env").GetString()!;
        using var env = Create(id);
        var reset = (float[])env.ResetBoxed(seed: episode.GetProperty("seed").GetInt32()).Observation;
        AssertClose(Doubles(episode.GetProperty("reset_obs")), reset, 1e-6, $"{id} episode {index} reset observation");
        int step = 0;
        foreach (var expected in episode.GetProperty("steps").EnumerateArray())
        {
            string where = $"{id} episode {index} step {step}";
            var result = env.StepBoxed(Action(expected.GetProperty("action")));
            AssertClose(Doubles(expected.GetProperty("obs")), (float[])result.Observation, 1e-6, where + " obs");
            AssertClose(Doubles(expected.GetProperty("state")), StateOf(env), 1e-9, where + " state");
            double rewardTolerance = id == "Pendulum-v1" ? 1e-8 : 0;
            Assert.True(Math.Abs(expected.GetProperty("reward").GetDouble() - result.Reward) <= rewardTolerance,
                $"{where} reward: {result.Reward:R} vs Gymnasium's {expected.GetProperty("reward").GetDouble():R}");
            Assert.Equal(expected.GetProperty("terminated").GetBoolean(), result.Terminated);
            Assert.False(result.Truncated);
            step++;
        }
    }

    [Theory, MemberData(nameof(Episodes))]
    public void FromEachRecordedStateTheStepMatchesGymnasiumExactly(int index)
    {
        var episode = Fixture.Json(File).GetProperty("episodes")[index];
        string id = episode.GetProperty("env").GetString()!;
        using var env = Create(id);
        env.ResetBoxed(seed: episode.GetProperty("seed").GetInt32());
        int step = 0;
        foreach (var expected in episode.GetProperty("steps").EnumerateArray())
        {
            string where = $"{id} episode {index} step {step}";
            var result = env.StepBoxed(Action(expected.GetProperty("action")));
            Assert.True(expected.GetProperty("reward").GetDouble() == result.Reward, $"{where} reward: {result.Reward:R} vs Gymnasium's {expected.GetProperty("reward").GetDouble():R}");
            Assert.Equal(expected.GetProperty("terminated").GetBoolean(), result.Terminated);
            var state = Doubles(expected.GetProperty("state"));
            AssertClose(state, StateOf(env), 1e-12, where + " state after one step from the recorded one");
            SetState(env, state);
            step++;
        }
    }

    private static void AssertClose(double[] expected, float[] actual, double tolerance, string where) =>
        AssertClose(expected, actual.Select(v => (double)v).ToArray(), tolerance, where);

    private static void AssertClose(double[] expected, double[] actual, double tolerance, string where)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"{where}[{i}]: {actual[i]:R} vs Gymnasium's {expected[i]:R}");
    }
}
