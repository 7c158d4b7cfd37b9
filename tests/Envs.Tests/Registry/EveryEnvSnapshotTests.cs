using RlFramework.Envs.Checking;
using RlFramework.Envs.Spaces;
using RlFramework.Envs.Vector;
using Xunit.Abstractions;

namespace RlFramework.Envs.Tests.Registry;

/// <summary>Every registered env, with the wrappers Gym.Make adds, snapshots and restores into a fresh env exactly.</summary>
public class EveryEnvSnapshotTests
{
    private const int StepsBefore = 13, StepsAfter = 60;

    public static TheoryData<string> Ids() => [.. Gym.Registry.Keys.Order(StringComparer.Ordinal)];

    private sealed record Outcome(object Observation, double Reward, bool Terminated, bool Truncated);

    /// <summary>Steps with actions sampled from the action space, resetting (unseeded) after an episode ends.</summary>
    private static List<Outcome> Continue(IEnv env, ISpace actions, int steps)
    {
        var outcomes = new List<Outcome>();
        for (int i = 0; i < steps; i++)
        {
            var step = env.StepBoxed(actions.SampleBoxed());
            outcomes.Add(new(ValueEquality.DeepCopy(step.Observation)!, step.Reward, step.Terminated, step.Truncated));
            if (step.Terminated || step.Truncated) env.ResetBoxed();
        }
        return outcomes;
    }

    private static ISpace Actions(IEnv env, int seed)
    {
        env.ActionSpace.Seed(seed);
        return env.ActionSpace;
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void ARestoredEnvContinuesBitIdentically(string id)
    {
        using var original = Gym.Make(id);
        Assert.True(original is ISnapshotEnv && Snapshots(original), $"{id} cannot snapshot its state; every registered env must (issue 19, item 2).");
        original.ResetBoxed(seed: 5);
        Continue(original, Actions(original, 11), StepsBefore);
        var snapshot = new EnvSnapshot();
        ((ISnapshotEnv)original).SaveState(snapshot);
        var expected = Continue(original, Actions(original, 12), StepsAfter);

        using var restored = Gym.Make(id); // never reset: everything must come from the snapshot
        ((ISnapshotEnv)restored).LoadState(EnvSnapshot.FromValues(snapshot.Values));
        var actual = Continue(restored, Actions(restored, 12), StepsAfter);

        for (int i = 0; i < StepsAfter; i++)
        {
            Assert.True(ValueEquality.DeepEquals(expected[i].Observation, actual[i].Observation), $"{id}: observation {i} after the restore differs");
            Assert.Equal((expected[i].Reward, expected[i].Terminated, expected[i].Truncated), (actual[i].Reward, actual[i].Terminated, actual[i].Truncated));
        }
    }

    private static bool Snapshots(IEnv env)
    {
        try
        {
            ((ISnapshotEnv)env).SaveState(new EnvSnapshot());
            return true;
        }
        catch (NotSupportedException)
        {
            return false;
        }
    }

    [Theory]
    [InlineData("RoomRunner-v0")]
    [InlineData("FunnelBoard-v0")]
    public void AClipEnvRestoredMidClipContinuesToTheNextClips(string id)
    {
        // Long enough to finish the clip in progress and play the next one, whose scene comes from the restored generator.
        using var original = Gym.Make(id, renderMode: RenderMode.RgbArray);
        var first = original.ResetBoxed(seed: 3);
        int frames = (int)first.Info["frames"]!;
        for (int i = 0; i < frames / 2; i++) original.StepBoxed(0);
        var snapshot = new EnvSnapshot();
        ((ISnapshotEnv)original).SaveState(snapshot);
        var shown = (byte[])((Renders.Frame)original.Render()!).Data.Clone();
        int steps = frames - frames / 2 + 20;
        var expected = Continue(original, Actions(original, 0), steps);
        Assert.Contains(expected, o => o.Terminated);

        using var restored = Gym.Make(id, renderMode: RenderMode.RgbArray);
        // A clip of its own first, shown up to the frame before the snapshot's: nothing of it may leak into the restored frames.
        var other = restored.ResetBoxed(seed: 99);
        for (int i = 0; i < Math.Min(frames / 2 - 1, (int)other.Info["frames"]! - 1); i++) restored.StepBoxed(0);
        ((ISnapshotEnv)restored).LoadState(EnvSnapshot.FromValues(snapshot.Values));
        Assert.Equal(shown, ((Renders.Frame)restored.Render()!).Data);
        var actual = Continue(restored, Actions(restored, 0), steps);
        for (int i = 0; i < steps; i++)
            Assert.True(ValueEquality.DeepEquals(expected[i].Observation, actual[i].Observation), $"{id}: frame {i} after the restore differs");
    }

    [Theory]
    [InlineData(AutoresetMode.NextStep)]
    [InlineData(AutoresetMode.SameStep)]
    public void AVectorEnvRestoresItsSubEnvsAndPendingAutoresets(AutoresetMode autoreset)
    {
        using var original = Gym.MakeVec<float, int>("CartPole-v1", 3, autoreset: autoreset);
        original.Reset(seed: 8);
        int[] actions = new int[3];
        int t = 0;
        // Step until a sub-env has just finished: under NextStep its reset is pending, and must survive the restore.
        while (true)
        {
            for (int e = 0; e < 3; e++) actions[e] = (t + e) % 3 == 0 ? 1 : 0;
            t++;
            var result = original.Step(actions);
            if (result.Done(0) || result.Done(1) || result.Done(2)) break;
        }
        var snapshot = new EnvSnapshot();
        ((ISnapshotEnv)original).SaveState(snapshot);
        var expected = Run(original, t);

        using var restored = Gym.MakeVec<float, int>("CartPole-v1", 3, autoreset: autoreset);
        ((ISnapshotEnv)restored).LoadState(EnvSnapshot.FromValues(snapshot.Values));
        Assert.Equal(expected, Run(restored, t));
    }

    private static List<string> Run(IVectorEnv<float, int> envs, int t)
    {
        var rows = new List<string>();
        int[] actions = new int[3];
        for (int k = 0; k < 80; k++, t++)
        {
            for (int e = 0; e < 3; e++) actions[e] = (t + e) % 3 == 0 ? 1 : 0;
            var result = envs.Step(actions);
            rows.Add(string.Join(" ", result.Observations.ToArray().Select(v => BitConverter.SingleToInt32Bits(v)))
                + $" | {string.Join(" ", result.Rewards.ToArray())} | {string.Join(" ", result.Terminated.ToArray())} | {string.Join(" ", result.Truncated.ToArray())}");
        }
        return rows;
    }

    [Theory]
    [InlineData("CartPole-v1", "CartPole-v0")]
    [InlineData("RoomRunner-v0", "RoomRunnerDirect-v0")]
    [InlineData("RoomRunner-v0", "FunnelBoard-v0")]
    [InlineData("CartPole-v1", "CartPoleHeavyPole-v1")]
    [InlineData("MountainCar-v0", "MountainCarContinuous-v0")]
    [InlineData("Acrobot-v1", "CartPole-v1")]
    [InlineData("Pendulum-v1", "MountainCarContinuous-v0")]
    public void ASnapshotFromAnotherEnvIsRefusedNamingBoth(string from, string into)
    {
        using var source = Gym.Make(from);
        source.ResetBoxed(seed: 1);
        var snapshot = new EnvSnapshot();
        ((ISnapshotEnv)source).SaveState(snapshot);
        using var target = Gym.Make(into);
        var error = Assert.Throws<InvalidDataException>(() => ((ISnapshotEnv)target).LoadState(EnvSnapshot.FromValues(snapshot.Values)));
        Assert.Contains($"<{from}>", error.Message);
        Assert.Contains($"<{into}>", error.Message);
        Assert.Contains("cannot be loaded into", error.Message);
    }

    [Fact]
    public void ASnapshotWithOtherArgumentsIsRefused()
    {
        using var source = Gym.Make("FlickeringCartPole-v1", kwargs: new Dictionary<string, object?> { ["p"] = 0.2 });
        source.ResetBoxed(seed: 1);
        var snapshot = new EnvSnapshot();
        ((ISnapshotEnv)source).SaveState(snapshot);
        using var target = Gym.Make("FlickeringCartPole-v1", kwargs: new Dictionary<string, object?> { ["p"] = 0.3 });
        var error = Assert.Throws<InvalidDataException>(() => ((ISnapshotEnv)target).LoadState(snapshot));
        Assert.Contains("p=0.2", error.Message);
        Assert.Contains("p=0.3", error.Message);
    }

    [Fact]
    public void APendulumSnapshotWithAnotherGravityIsRefused()
    {
        using var source = Gym.Make("Pendulum-v1", kwargs: new Dictionary<string, object?> { ["g"] = 9.81 });
        source.ResetBoxed(seed: 1);
        var snapshot = new EnvSnapshot();
        ((ISnapshotEnv)source).SaveState(snapshot);
        using var target = Gym.Make("Pendulum-v1");
        var error = Assert.Throws<InvalidDataException>(() => ((ISnapshotEnv)target).LoadState(snapshot));
        Assert.Contains("g=9.81", error.Message);
    }

    [Fact]
    public void ARestoredPendulumDrawsTheSameTorqueArrow()
    {
        using var original = Gym.Make<float[], float[]>("Pendulum-v1", renderMode: RenderMode.RgbArray);
        original.Reset(seed: 2);
        original.Step([1.5f]);
        var snapshot = new EnvSnapshot();
        ((ISnapshotEnv)original).SaveState(snapshot);
        using var restored = Gym.Make<float[], float[]>("Pendulum-v1", renderMode: RenderMode.RgbArray);
        ((ISnapshotEnv)restored).LoadState(EnvSnapshot.FromValues(snapshot.Values));
        Assert.Equal(((Renders.Frame)original.Render()!).Data, ((Renders.Frame)restored.Render()!).Data);
    }

    [Fact]
    public void ABareEnvRefusesAnotherEnvsSnapshot()
    {
        using var cartPole = new Envs.Classic.CartPoleEnv();
        cartPole.Reset(seed: 0);
        var snapshot = new EnvSnapshot();
        cartPole.SaveState(snapshot);
        using var runner = new Envs.RoomRunner.RoomRunnerEnv();
        var error = Assert.Throws<InvalidDataException>(() => runner.LoadState(snapshot));
        Assert.Contains("CartPoleEnv", error.Message);
        Assert.Contains("RoomRunnerEnv", error.Message);
    }

    [Fact]
    public void AVectorEnvRefusesASnapshotOfAnotherSize()
    {
        using var two = Gym.MakeVec<float, int>("CartPole-v1", 2);
        two.Reset(seed: 0);
        var snapshot = new EnvSnapshot();
        ((ISnapshotEnv)two).SaveState(snapshot);
        using var three = Gym.MakeVec<float, int>("CartPole-v1", 3);
        var error = Assert.Throws<InvalidDataException>(() => ((ISnapshotEnv)three).LoadState(snapshot));
        Assert.Contains("2 sub-envs", error.Message);
    }
}
