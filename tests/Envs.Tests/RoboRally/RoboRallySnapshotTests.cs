using RlFramework.Envs.RoboRally;
using RlFramework.Envs.Wrappers;

namespace RlFramework.Envs.Tests.RoboRally;

public class RoboRallySnapshotTests
{
    /// <summary>Plays <paramref name="steps"/> cards (a fixed, varied card sequence), resetting after each five-card turn; records every step and a draw from NpRandom.</summary>
    private static List<string> Continue(IEnv<float[], int> env, RoboRallyEnv inner, int steps, int offset)
    {
        var trace = new List<string>();
        for (int i = 0; i < steps; i++)
        {
            var step = env.Step((i * 7 + offset) % 4);
            trace.Add($"{string.Join(",", step.Observation)} {step.Reward:R} {step.Terminated} {step.Truncated} {inner.State} {inner.NpRandom.Integers(1_000_000)}");
            if (step.Done) env.Reset();
        }
        return trace;
    }

    [Theory]
    [InlineData("RoboRally-v0", "one_hot")]
    [InlineData("RoboRally-Belts-v0", "structured")]
    [InlineData("RoboRally-Lasers-v0", "one_hot")]
    public void ARestoredEnvContinuesMidEpisodeExactlyAsTheOriginal(string id, string observation)
    {
        var kwargs = new Dictionary<string, object?> { ["observation"] = observation };
        using var original = new RecordEpisodeStatistics<float[], int>(Gym.Make<float[], int>(id, kwargs));
        var inner = (RoboRallyEnv)original.Unwrapped;
        original.Reset(seed: 5);
        Continue(original, inner, 7, offset: 0); // one turn and two cards of the next: mid-episode
        Assert.Equal(2, inner.StepCount);
        var snapshot = new EnvSnapshot();
        ((ISnapshotEnv)original).SaveState(snapshot);
        var expected = Continue(original, inner, 23, offset: 1);

        using var restored = new RecordEpisodeStatistics<float[], int>(Gym.Make<float[], int>(id, kwargs));
        var restoredInner = (RoboRallyEnv)restored.Unwrapped;
        restored.Reset(seed: 999); // another history: everything must come from the snapshot
        restored.Step(0);
        ((ISnapshotEnv)restored).LoadState(EnvSnapshot.FromValues(snapshot.Values));
        Assert.Equal(2, restoredInner.StepCount);
        Assert.Equal(expected, Continue(restored, restoredInner, 23, offset: 1));
    }

    [Fact]
    public void ASnapshotThatDoesNotFitTheMapIsRefusedWithItsState()
    {
        using var big = new RoboRallyEnv(RoboRallyMap.Parse("start 0 0 east\n" + string.Concat(Enumerable.Repeat("........\n", 7)) + ".......G", "open"));
        big.Reset(options: new Dictionary<string, object?> { ["state"] = new RoboRallyState(7, 6, Heading.West) });
        var snapshot = new EnvSnapshot();
        big.SaveState(snapshot);
        using var small = new RoboRallyEnv(RoboRallyMaps.Load("belts"));
        var error = Assert.Throws<FormatException>(() => small.LoadState(snapshot));
        Assert.Contains("x 7, y 6", error.Message);
        Assert.Contains("3×3", error.Message);
    }
}
