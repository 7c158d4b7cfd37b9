using RlFramework.Envs.Classic;
using RlFramework.Envs.Spaces;
using RlFramework.Envs.Wrappers;

namespace RlFramework.Envs.Tests.Wrappers;

public class WrapperTests
{
    [Fact]
    public void TimeLimitTruncatesAtTheLimitAndNotBefore()
    {
        using var env = new TimeLimit<int, int>(new CounterEnv(100), 3);
        env.Reset();
        Assert.False(env.Step(0).Truncated);
        Assert.False(env.Step(0).Truncated);
        var last = env.Step(0);
        Assert.True(last.Truncated);
        Assert.False(last.Terminated);
        env.Reset();
        Assert.Equal(0, env.ElapsedSteps);
    }

    [Fact]
    public void RecordEpisodeStatisticsReportsReturnLengthAndTimeAtTheEnd()
    {
        using var env = new RecordEpisodeStatistics<int, int>(new CounterEnv(3), bufferLength: 2);
        for (int episode = 0; episode < 3; episode++)
        {
            env.Reset();
            Assert.False(env.Step(1).Info.ContainsKey("episode"));
            env.Step(0);
            var last = env.Step(1);
            var statistics = last.Info.Get<EpisodeStatistics>("episode");
            Assert.Equal(2.0, statistics.Return);
            Assert.Equal(3, statistics.Length);
            Assert.True(statistics.Time >= 0);
            Assert.Equal(3, last.Info.Get<int>("count"));
        }
        Assert.Equal(3, env.EpisodeCount);
        Assert.Equal([2.0, 2.0], env.ReturnQueue);
    }

    [Fact]
    public void FlattenObservationOneHotsDiscreteAndCopiesBoxes()
    {
        using var env = new FlattenObservation<int, int>(new CounterEnv(3));
        Assert.Equal(4, env.ObservationSpace.Size);
        Assert.Equal([1f, 0f, 0f, 0f], env.Reset().Observation);
        Assert.Equal([0f, 1f, 0f, 0f], env.Step(0).Observation);
        using var cartPole = new FlattenObservation<float[], int>(new CartPoleEnv());
        var raw = (float[])cartPole.Env.Reset(seed: 3).Observation.Clone();
        Assert.Equal(raw, cartPole.Reset(seed: 3).Observation);
    }

    [Fact]
    public void FrameStackPadsWithTheResetObservationOrZerosAndShifts()
    {
        using var env = new FrameStackObservation<float, int>(new FlattenObservation<int, int>(new CounterEnv(5)), 3);
        Assert.Equal([3, 6], env.ObservationSpace.Shape);
        float[] reset = [1, 0, 0, 0, 0, 0];
        Assert.Equal(reset.Concat(reset).Concat(reset), env.Reset().Observation);
        Assert.Equal(reset.Concat(reset).Concat([0f, 1, 0, 0, 0, 0]), env.Step(0).Observation);
        Assert.Equal(reset.Concat([0f, 1, 0, 0, 0, 0]).Concat([0f, 0, 1, 0, 0, 0]), env.Step(0).Observation);
        using var zeros = new FrameStackObservation<float, int>(new FlattenObservation<int, int>(new CounterEnv(5)), 2, FrameStackPadding.Zero);
        Assert.Equal(new float[6].Concat(reset), zeros.Reset().Observation);
        Assert.True(zeros.ObservationSpace.Contains(zeros.Step(1).Observation));
    }

    [Fact]
    public void NormalizeObservationTracksRunningMomentsAndCanFreeze()
    {
        using var env = new NormalizeObservation<int>(new FlattenObservation<int, int>(new CounterEnv(50)));
        var seen = new List<float[]> { (float[])env.Reset().Observation.Clone() };
        for (int i = 0; i < 20; i++) env.Step(0);
        // Gymnasium's moments start at mean 0, var 1, count 1e-4; after 21 observations the mean of element 0
        // (1 at reset, 0 after) is 1 / (21 + 1e-4).
        Assert.Equal(1 / (21 + 1e-4), env.Mean[0], 12);
        env.UpdateRunningMean = false;
        var before = env.Mean.ToArray();
        env.Step(0);
        Assert.Equal(before, env.Mean);
        Assert.All(env.Step(0).Observation, v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void ClipRewardClipsAndValidates()
    {
        using var env = new ClipReward<int, int>(new CounterEnv(5), 0, 0.5);
        env.Reset();
        Assert.Equal(0.5, env.Step(1).Reward);
        Assert.Equal(0.0, env.Step(0).Reward);
        Assert.Throws<ArgumentException>(() => new ClipReward<int, int>(new CounterEnv(1), 1, -1));
    }

    [Fact]
    public void FlickerZeroesWholeObservationsAtTheRateAndIsSeeded()
    {
        static List<bool> Run(int seed)
        {
            using var env = new ObservationFlicker<float, int>(new CartPoleEnv(), 0.5);
            env.Reset(seed: seed);
            var flickers = new List<bool>();
            for (int i = 0; i < 2000; i++)
            {
                var result = env.Step(i % 2);
                flickers.Add(result.Observation.All(v => v == 0));
                if (result.Done) env.Reset();
            }
            return flickers;
        }
        var first = Run(11);
        Assert.Equal(first, Run(11));
        Assert.NotEqual(first, Run(12));
        Assert.InRange(first.Count(f => f) / 2000.0, 0.45, 0.55);
    }

    [Fact]
    public void FlickerDoesNotChangeTheEnvsOwnRandomStream()
    {
        using var plain = new CartPoleEnv();
        using var flickered = new ObservationFlicker<float, int>(new CartPoleEnv(), 0.9);
        plain.Reset(seed: 4);
        flickered.Reset(seed: 4);
        Assert.Equal(plain.State, ((CartPoleEnv)flickered.Unwrapped).State);
    }

    [Fact]
    public void VelocityMaskKeepsPositionAndAngle()
    {
        using var env = Gym.Make<float[], int>("CartPoleNoVelocity-v1");
        var observation = env.Reset(seed: 2).Observation;
        var state = ((CartPoleEnv)env.Unwrapped).State;
        Assert.Equal([(float)state[0], (float)state[2]], observation);
        Assert.Equal([2], ((Box<float>)env.ObservationSpace).Shape);
    }
}
