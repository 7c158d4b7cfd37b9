namespace RlFramework.Replay.Tests.Buffers;

/// <summary>Hot paths allocate nothing once warm (the benchmarks' MemoryDiagnoser shows the same).</summary>
public class AllocationTests
{
    [Fact]
    public void UniformAddAddBatchAndSampleAllocateNothing()
    {
        var b = new ReplayBuffer<int>(1000, 4, seed: 1);
        float[] obs = [1, 2, 3, 4];
        var obs8 = new float[32];
        var act8 = new int[8];
        var rew8 = new float[8];
        var flags8 = new bool[8];
        TransitionBatch<int> batch = b.CreateBatch(128);
        void Work()
        {
            for (int i = 0; i < 200; i++)
            {
                b.Add(obs, 1, 1f, obs, false, false);
                b.AddBatch(obs8, act8, rew8, obs8, flags8, flags8);
                b.Sample(batch);
            }
        }

        Work(); // warm up (JIT, tiering)
        long before = GC.GetAllocatedBytesForCurrentThread();
        Work();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void PrioritizedAddSampleAndUpdateAllocateNothing()
    {
        var b = new PrioritizedReplayBuffer<int>(1000, 4, seed: 1);
        float[] obs = [1, 2, 3, 4];
        TransitionBatch<int> batch = b.CreateBatch(64);
        var prios = new float[64];
        void Work()
        {
            for (int i = 0; i < 200; i++)
            {
                b.Add(obs, 1, 1f, obs, false, false);
                b.Sample(batch);
                prios.AsSpan().Fill(i * 0.01f);
                b.UpdatePriorities(batch.Indices, prios);
            }
        }

        Work();
        long before = GC.GetAllocatedBytesForCurrentThread();
        Work();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void SequenceAddAndSampleAllocateNothingOnceWarm()
    {
        var b = new SequenceReplayBuffer<int>(2000, 4, numEnvs: 2, seed: 1);
        var obs = new float[8];
        var act = new int[2];
        var rew = new float[2];
        var term = new bool[2];
        var trunc = new bool[2];
        SequenceBatch<int> batch = b.CreateBatch(16, 8);
        int t = 0;
        void Work()
        {
            for (int i = 0; i < 500; i++)
            {
                t++;
                term[0] = t % 37 == 0;
                term[1] = t % 53 == 0;
                b.AddBatch(obs, act, rew, obs, term, trunc);
                if (b.EpisodeCount > 0)
                {
                    b.SampleWindows(batch, i % 2 == 0 ? WindowStart.FullWindows : WindowStart.AnyStep);
                    b.SampleEpisodes(batch);
                }
            }
        }

        Work();
        long before = GC.GetAllocatedBytesForCurrentThread();
        Work();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
