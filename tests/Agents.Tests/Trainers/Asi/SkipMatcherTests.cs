using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using RlFramework.Agents.Trainers.Asi;
using RlFramework.Models;

namespace RlFramework.Agents.Tests.Trainers.Asi;

public class SkipMatcherTests
{
    private static float[] Softened(ReadOnlySpan<float> frame, float margin) =>
        [.. frame.ToArray().Select(v => Math.Clamp(v, margin, 1 - margin))];

    [Fact]
    public void PicksTheFrameThePredictionShows()
    {
        var fall = SyntheticFalls.Fall(label: 3);
        for (int position = 0; position < fall.Length - 1; position++)
        {
            int last = Math.Min(position + 5, fall.Length - 1);
            for (int shown = position + 1; shown <= last; shown++)
                Assert.Equal(shown, SkipMatcher.BestFrame(Softened(fall.Frame(shown), 0.05f), fall, position + 1, last));
        }
    }

    [Fact]
    public void PrefersTheEarliestFrameOnTies()
    {
        var still = SyntheticFalls.Fall(label: 1, frames: 20); // the ball rests on the bottom from frame 14 on
        Assert.Equal(14, SkipMatcher.BestFrame(Softened(still.Frame(19), 0.1f), still, 10, 19));
    }

    [Property(MaxTest = 40)]
    public Property LossesAreTheModelsBinaryCrossEntropy(PositiveInt frames, int seed)
    {
        int length = frames.Get % 6 + 2;
        var rng = new Random(seed);
        var data = new float[length * 3 * 4 * 5];
        for (int i = 0; i < data.Length; i++) data[i] = rng.Next(4) == 0 ? (float)rng.NextDouble() : rng.Next(2);
        var trajectory = new AsiTrajectory(data, length, 4, 5, 0);
        var prediction = new float[trajectory.FrameSize];
        for (int i = 0; i < prediction.Length; i++) prediction[i] = rng.Next(8) == 0 ? rng.Next(2) : (float)rng.NextDouble(); // exact 0/1 hit the -100 clamp
        var losses = new double[length];
        SkipMatcher.CandidateLosses(prediction, trajectory, 0, length - 1, losses);
        bool ok = true;
        for (int t = 0; t < length; t++)
        {
            float expected = torch.nn.functional.binary_cross_entropy(torch.tensor(prediction, [prediction.Length]), torch.tensor(trajectory.Frame(t).ToArray(), [prediction.Length])).item<float>();
            ok &= Math.Abs(losses[t] - expected) <= 1e-4 * Math.Max(1, Math.Abs(expected));
        }
        return ok.Label($"losses {string.Join(", ", losses)}");
    }

    [Fact]
    public void RejectsBadRanges()
    {
        var fall = SyntheticFalls.Fall(0);
        var p = new float[fall.FrameSize];
        Assert.Contains("15 frames", Assert.Throws<ArgumentException>(() => SkipMatcher.BestFrame(p, fall, 1, 15)).Message);
        Assert.Contains("empty range", Assert.Throws<ArgumentException>(() => SkipMatcher.BestFrame(p, fall, 3, 2)).Message);
        Assert.Contains("one frame of 480", Assert.Throws<ArgumentException>(() => SkipMatcher.BestFrame(new float[3], fall, 1, 2)).Message);
    }
}
