using RlFramework.Agents.Ppo;

namespace RlFramework.Agents.Tests.Ppo;

public sealed class GaeTests
{
    /// <summary>
    /// Two envs, three steps, γ = 0.9, λ = 0.5. Env 0 terminates at step 1 (no future value), then starts over; env 1
    /// is truncated at step 0 (bootstraps from its final observation's value 10) and runs on to the rollout's end
    /// (bootstraps from the next value 4). Expected values worked by hand:
    /// env 0: δ2 = 1 + 0.9·3 − 2 = 1.7, A2 = 1.7; δ1 = 2 + 0 − 1 = 1, A1 = 1 (the termination cuts A2 off);
    ///        δ0 = 0 + 0.9·1 − 0.5 = 0.4, A0 = 0.4 + 0.45·1 = 0.85.
    /// env 1: δ2 = 1 + 0.9·4 − 3 = 1.6, A2 = 1.6; δ1 = 0 + 0.9·3 − 1 = 1.7, A1 = 1.7 + 0.45·1.6 = 2.42;
    ///        δ0 = 1 + 0.9·10 − 2 = 8, A0 = 8 (the truncation cuts A1 off).
    /// </summary>
    [Fact]
    public void MatchesAHandComputedRolloutWithATerminationAndATruncation()
    {
        float[] rewards = [0, 1, 2, 0, 1, 1];
        float[] values = [0.5f, 2, 1, 1, 2, 3];
        bool[] terminated = [false, false, true, false, false, false];
        bool[] truncated = [false, true, false, false, false, false];
        float[] finalValues = [0, 10, 0, 0, 0, 0];
        float[] nextValues = [3, 4];
        var (advantages, returns) = (new float[6], new float[6]);
        Gae.Compute(rewards, values, terminated, truncated, finalValues, nextValues, 0.9f, 0.5f, advantages, returns);
        float[] expected = [0.85f, 8f, 1f, 1.7f + 0.45f * 1.6f, 1.7f, 1.6f]; // step-major: t0e0, t0e1, t1e0, t1e1, t2e0, t2e1
        for (int i = 0; i < 6; i++)
        {
            Assert.Equal(expected[i], advantages[i], 5);
            Assert.Equal(expected[i] + values[i], returns[i], 5);
        }
    }

    [Fact]
    public void WithLambdaOneAndNoEndItIsTheDiscountedReturnMinusTheValue()
    {
        float[] rewards = [1, 2, 3];
        float[] values = [0.25f, -1, 2];
        var (advantages, returns) = (new float[3], new float[3]);
        Gae.Compute(rewards, values, new bool[3], new bool[3], new float[3], [5], 0.5f, 1f, advantages, returns);
        Assert.Equal(1 + 0.5f * 2 + 0.25f * 3 + 0.125f * 5, returns[0], 5);
        Assert.Equal(2 + 0.5f * 3 + 0.25f * 5, returns[1], 5);
        Assert.Equal(3 + 0.5f * 5, returns[2], 5);
    }

    [Fact]
    public void SpansOfDifferentLengthsAreRefused() =>
        Assert.Throws<ArgumentException>(() => Gae.Compute(new float[4], new float[3], new bool[4], new bool[4], new float[4], new float[2], 0.9f, 0.9f, new float[4], new float[4]));
}
