namespace RlFramework.Replay.Tests.Buffers;

public class ReplayBufferTests
{
    internal static float[] Obs(int t, int size = 4) => Enumerable.Range(0, size).Select(k => t * 10f + k).ToArray();

    internal static ReplayBuffer<int> Filled(int capacity, int n, long seed = 1)
    {
        var b = new ReplayBuffer<int>(capacity, 4, seed: seed);
        for (int t = 0; t < n; t++)
        {
            b.Add(Obs(t), t % 2, t * 0.5f, Obs(t + 1), t % 7 == 6, t % 5 == 4);
        }

        return b;
    }

    [Fact]
    public void StoresTransitionsAndOverwritesTheOldestWhenFull()
    {
        ReplayBuffer<int> b = Filled(5, 7);
        Assert.Equal(5, b.Count);
        Assert.Equal(2, b.Position);
        Assert.Equal(7, b.TotalAdded);

        // Slots 0 and 1 now hold t = 5 and 6; slots 2..4 hold t = 2..4.
        int[] expectedT = [5, 6, 2, 3, 4];
        for (int slot = 0; slot < 5; slot++)
        {
            int t = expectedT[slot];
            Assert.Equal(Obs(t), b.ObservationAt(slot).ToArray());
            Assert.Equal(Obs(t + 1), b.NextObservationAt(slot).ToArray());
            Assert.Equal(t % 2, b.ActionAt(slot)[0]);
            Assert.Equal(t * 0.5f, b.RewardAt(slot));
            Assert.Equal((t % 7 == 6, t % 5 == 4), b.FlagsAt(slot));
        }
    }

    [Theory]
    [InlineData(3, 1)]
    [InlineData(8, 3)]
    [InlineData(8, 8)]
    [InlineData(5, 12)]
    public void AddBatchEqualsAddingOneByOne(int capacity, int envs)
    {
        var single = new ReplayBuffer<float>(capacity, 3, actionSize: 2);
        var batched = new ReplayBuffer<float>(capacity, 3, actionSize: 2);
        for (int step = 0; step < 4; step++)
        {
            float[] obs = Enumerable.Range(0, envs * 3).Select(i => step * 100f + i).ToArray();
            float[] next = obs.Select(x => x + 0.5f).ToArray();
            float[] act = Enumerable.Range(0, envs * 2).Select(i => -i - step * 1f).ToArray();
            float[] rew = Enumerable.Range(0, envs).Select(i => i + step * 7f).ToArray();
            bool[] term = Enumerable.Range(0, envs).Select(i => (i + step) % 3 == 0).ToArray();
            bool[] trunc = Enumerable.Range(0, envs).Select(i => (i + step) % 4 == 1).ToArray();
            batched.AddBatch(obs, act, rew, next, term, trunc);
            for (int e = 0; e < envs; e++)
            {
                single.Add(obs.AsSpan(e * 3, 3), act.AsSpan(e * 2, 2), rew[e], next.AsSpan(e * 3, 3), term[e], trunc[e]);
            }
        }

        Assert.Equal(single.Count, batched.Count);
        Assert.Equal(single.Position, batched.Position);
        Assert.Equal(single.TotalAdded, batched.TotalAdded);
        for (int slot = 0; slot < single.Count; slot++)
        {
            Assert.Equal(single.ObservationAt(slot).ToArray(), batched.ObservationAt(slot).ToArray());
            Assert.Equal(single.NextObservationAt(slot).ToArray(), batched.NextObservationAt(slot).ToArray());
            Assert.Equal(single.ActionAt(slot).ToArray(), batched.ActionAt(slot).ToArray());
            Assert.Equal(single.RewardAt(slot), batched.RewardAt(slot));
            Assert.Equal(single.FlagsAt(slot), batched.FlagsAt(slot));
        }
    }

    [Fact]
    public void SampledRowsMatchTheStoredSlots()
    {
        ReplayBuffer<int> b = Filled(50, 80, seed: 3);
        TransitionBatch<int> batch = b.CreateBatch(32);
        b.Sample(batch);
        for (int i = 0; i < batch.Size; i++)
        {
            int slot = batch.Indices[i];
            Assert.InRange(slot, 0, b.Count - 1);
            Assert.Equal(b.ObservationAt(slot).ToArray(), batch.ObservationAt(i).ToArray());
            Assert.Equal(b.NextObservationAt(slot).ToArray(), batch.NextObservationAt(i).ToArray());
            Assert.Equal(b.ActionAt(slot)[0], batch.Actions[i]);
            Assert.Equal(b.RewardAt(slot), batch.Rewards[i]);
            Assert.Equal(b.FlagsAt(slot), (batch.Terminated[i], batch.Truncated[i]));
            Assert.Equal(1f, batch.Weights[i]);
        }
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(8, 2)]
    [InlineData(9, 8)]
    [InlineData(17, 9)]
    public void GatheredRowsOfEveryWidthMatchTheStoredSlots(int observationSize, int actionSize)
    {
        var b = new ReplayBuffer<float>(40, observationSize, actionSize, seed: 5);
        for (int t = 0; t < 60; t++)
        {
            float[] action = Enumerable.Range(0, actionSize).Select(k => -t - (k * 0.25f)).ToArray();
            b.Add(Obs(t, observationSize), action, t * 0.5f, Obs(t + 1, observationSize), t % 7 == 6, t % 5 == 4);
        }

        TransitionBatch<float> batch = b.CreateBatch(64);
        b.Sample(batch);
        for (int i = 0; i < batch.Size; i++)
        {
            int slot = batch.Indices[i];
            Assert.Equal(b.ObservationAt(slot).ToArray(), batch.ObservationAt(i).ToArray());
            Assert.Equal(b.NextObservationAt(slot).ToArray(), batch.NextObservationAt(i).ToArray());
            Assert.Equal(b.ActionAt(slot).ToArray(), batch.Actions.AsSpan(i * actionSize, actionSize).ToArray());
            Assert.Equal(b.RewardAt(slot), batch.Rewards[i]);
            Assert.Equal(b.FlagsAt(slot), (batch.Terminated[i], batch.Truncated[i]));
        }
    }

    [Fact]
    public void GatherRefusesASlotPastTheStoredOnesBeforeCopyingAnything()
    {
        ReplayBuffer<int> b = Filled(50, 10);
        TransitionBatch<int> batch = b.CreateBatch(4);
        batch.Indices[0] = 1;
        batch.Indices[1] = 2;
        batch.Indices[2] = 10;
        batch.Indices[3] = 3;
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => b.Gather(batch));
        Assert.Contains("batch.Indices[2] = 10", e.Message);
        Assert.All(batch.Observations, x => Assert.Equal(0f, x));
    }

    [Fact]
    public void SameSeedSameSamplesDifferentSeedDifferentSamples()
    {
        int[] Draw(long seed)
        {
            ReplayBuffer<int> b = Filled(100, 100, seed);
            TransitionBatch<int> batch = b.CreateBatch(64);
            var all = new List<int>();
            for (int k = 0; k < 5; k++)
            {
                b.Sample(batch);
                all.AddRange(batch.Indices);
            }

            return all.ToArray();
        }

        Assert.Equal(Draw(42), Draw(42));
        Assert.NotEqual(Draw(42), Draw(43));
    }

    [Fact]
    public void SamplingIsUniformOverStoredSlots()
    {
        ReplayBuffer<int> b = Filled(20, 10, seed: 9); // only 10 slots filled
        TransitionBatch<int> batch = b.CreateBatch(100);
        var counts = new int[10];
        for (int k = 0; k < 1000; k++)
        {
            b.Sample(batch);
            foreach (int i in batch.Indices)
            {
                counts[i]++;
            }
        }

        // 100,000 draws, 10,000 expected per slot; sd ≈ 95, allow ±5 sd.
        Assert.All(counts, c => Assert.InRange(c, 9_525, 10_475));
    }

    [Fact]
    public void BadInputIsRefusedWithTheOffendingValue()
    {
        var b = new ReplayBuffer<int>(10, 4);
        var e = Assert.Throws<ArgumentException>(() => b.Add(new float[3], 0, 0f, new float[4], false, false));
        Assert.Contains("length 3", e.Message);
        Assert.Contains("expected 4", e.Message);
        Assert.Throws<InvalidOperationException>(() => b.Sample(b.CreateBatch(2)));
        var shape = Assert.Throws<ArgumentException>(() => b.Sample(new TransitionBatch<int>(2, 5)));
        Assert.Contains("observation size 5", shape.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReplayBuffer<int>(0, 4));
        Assert.Throws<NotSupportedException>(() => new ReplayBuffer<short>(10, 4));
        var batchErr = Assert.Throws<ArgumentException>(() => b.AddBatch(new float[8], new int[2], new float[2], new float[8], new bool[3], new bool[2]));
        Assert.Contains("terminated", batchErr.Message);
    }

    [Fact]
    public void ClearEmptiesTheBuffer()
    {
        ReplayBuffer<int> b = Filled(10, 4);
        b.Clear();
        Assert.Equal(0, b.Count);
        Assert.Equal(0, b.Position);
        Assert.Throws<ArgumentOutOfRangeException>(() => b.ObservationAt(0).ToArray());
    }
}
