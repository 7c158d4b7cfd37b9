using FsCheck;
using FsCheck.Xunit;

namespace RlFramework.Replay.Tests.Buffers;

/// <summary>Property tests: sampled indices are always valid and rows always match storage, for any capacity and fill.</summary>
public class BufferProperties
{
    [Property(MaxTest = 100)]
    public void UniformSamplesAreValid(PositiveInt capacity, PositiveInt added, PositiveInt batchSize, int seed)
    {
        int cap = 1 + capacity.Get % 64;
        int n = 1 + added.Get % 200;
        ReplayBuffer<int> b = ReplayBufferTests.Filled(cap, n, seed);
        Assert.Equal(Math.Min(cap, n), b.Count);
        Assert.Equal(n % cap, b.Position);
        TransitionBatch<int> batch = b.CreateBatch(1 + batchSize.Get % 40);
        b.Sample(batch);
        for (int i = 0; i < batch.Size; i++)
        {
            int slot = batch.Indices[i];
            Assert.InRange(slot, 0, b.Count - 1);
            Assert.Equal(b.ObservationAt(slot)[0], batch.Observations[i * 4]);

            // Only the newest min(cap, n) transitions survive.
            int t = (int)(batch.Observations[i * 4] / 10);
            Assert.InRange(t, n - b.Count, n - 1);
        }
    }

    [Property(MaxTest = 100)]
    public void PrioritizedSamplesAreValidAndWeightsInRange(PositiveInt capacity, PositiveInt added, NonNegativeInt[] priorities, int seed)
    {
        int cap = 1 + capacity.Get % 50;
        int n = 1 + added.Get % 120;
        var b = new PrioritizedReplayBuffer<int>(cap, 4, alpha: 0.6, beta: 0.4, seed: seed);
        for (int t = 0; t < n; t++)
        {
            b.Add(ReplayBufferTests.Obs(t), t, 0, ReplayBufferTests.Obs(t + 1), false, false);
        }

        TransitionBatch<int> batch = b.CreateBatch(16);
        b.Sample(batch);
        float[] update = batch.Indices.Select((_, i) => priorities is { Length: > 0 } ? priorities[i % priorities.Length].Get / 10f : 1f).ToArray();
        b.UpdatePriorities(batch.Indices, update);
        b.Sample(batch);
        foreach (int slot in batch.Indices)
        {
            Assert.InRange(slot, 0, b.Count - 1);
        }

        Assert.All(batch.Weights, w => Assert.InRange(w, 1e-12f, 1f + 1e-6f));
    }
}
