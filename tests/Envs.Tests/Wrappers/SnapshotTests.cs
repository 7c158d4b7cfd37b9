using RlFramework.Envs.Checking;
using RlFramework.Envs.Wrappers;

namespace RlFramework.Envs.Tests.Wrappers;

public class SnapshotTests
{
    private static IEnv<float[], int> Stack(string id) =>
        new FrameStackObservation<float, int>(new NormalizeObservation<int>(new RecordEpisodeStatistics<float[], int>(Gym.Make<float[], int>(id))), 3);

    private static List<(float[] Observation, double Reward, bool Terminated, bool Truncated)> Continue(IEnv<float[], int> env, int steps)
    {
        var results = new List<(float[], double, bool, bool)>();
        for (int i = 0; i < steps; i++)
        {
            var step = env.Step(i % 3 == 0 ? 1 : 0);
            results.Add(((float[])step.Observation.Clone(), step.Reward, step.Terminated, step.Truncated));
            if (step.Done) env.Reset();
        }
        return results;
    }

    [Theory]
    [InlineData("CartPole-v1")]
    [InlineData("FlickeringCartPole-v0")]
    [InlineData("CartPoleNoVelocity-v1")]
    public void ARestoredStackContinuesExactlyAsTheOriginal(string id)
    {
        using var original = Stack(id);
        original.Reset(seed: 21);
        Continue(original, 137);
        var snapshot = new EnvSnapshot();
        ((ISnapshotEnv)original).SaveState(snapshot);
        var expected = Continue(original, 300);

        using var restored = Stack(id);
        restored.Reset(seed: 999); // a different history: everything must come from the snapshot
        ((ISnapshotEnv)restored).LoadState(EnvSnapshot.FromValues(snapshot.Values));
        var actual = Continue(restored, 300);
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.True(ValueEquality.DeepEquals(expected[i].Observation, actual[i].Observation), $"step {i}");
            Assert.Equal((expected[i].Reward, expected[i].Terminated, expected[i].Truncated), (actual[i].Reward, actual[i].Terminated, actual[i].Truncated));
        }
    }

    [Fact]
    public void ASnapshotOfAnotherStackIsRefusedByName()
    {
        using var cartPole = Gym.Make<float[], int>("CartPole-v1");
        cartPole.Reset(seed: 0);
        var snapshot = new EnvSnapshot();
        ((ISnapshotEnv)cartPole).SaveState(snapshot);
        using var stacked = Stack("CartPole-v1");
        var error = Assert.Throws<InvalidDataException>(() => ((ISnapshotEnv)stacked).LoadState(snapshot));
        Assert.Contains("was taken from TimeLimit<", error.Message);
        Assert.Contains("cannot be loaded into FrameStackObservation<", error.Message);
    }
}
