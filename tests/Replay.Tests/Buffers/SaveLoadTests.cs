namespace RlFramework.Replay.Tests.Buffers;

public class SaveLoadTests
{
    [Fact]
    public void UniformRoundTripRestoresContentsCountersAndRandomState()
    {
        using var dir = new TempDir();
        ReplayBuffer<int> a = Filled(13, 40);
        TransitionBatch<int> warm = a.CreateBatch(8);
        a.Sample(warm);
        a.Save(dir.File("buf.msgpack"));
        ReplayBuffer<int> b = ReplayBuffer<int>.Load(dir.File("buf.msgpack"));
        Assert.Equal((a.Capacity, a.Count, a.Position, a.TotalAdded), (b.Capacity, b.Count, b.Position, b.TotalAdded));
        for (int slot = 0; slot < a.Count; slot++)
        {
            Assert.Equal(a.ObservationAt(slot).ToArray(), b.ObservationAt(slot).ToArray());
            Assert.Equal(a.NextObservationAt(slot).ToArray(), b.NextObservationAt(slot).ToArray());
            Assert.Equal(a.ActionAt(slot).ToArray(), b.ActionAt(slot).ToArray());
            Assert.Equal(a.RewardAt(slot), b.RewardAt(slot));
            Assert.Equal(a.FlagsAt(slot), b.FlagsAt(slot));
        }

        // The random state travels with the file: both continue with the same samples.
        TransitionBatch<int> x = a.CreateBatch(32), y = b.CreateBatch(32);
        a.Sample(x);
        b.Sample(y);
        Assert.Equal(x.Indices, y.Indices);
        Assert.Equal(x.Observations, y.Observations);
        Assert.Single(Directory.GetFiles(dir.Path)); // no temp files left behind
    }

    [Fact]
    public void ContinuousActionsAndPartialBufferRoundTrip()
    {
        using var dir = new TempDir();
        var a = new ReplayBuffer<float>(100, 2, actionSize: 3, seed: 7);
        a.Add([1f, 2f], [0.1f, -0.2f, 0.3f], 1.5f, [3f, 4f], true, false);
        a.Save(dir.File("c.msgpack"));
        ReplayBuffer<float> b = ReplayBuffer<float>.Load(dir.File("c.msgpack"));
        Assert.Equal(1, b.Count);
        Assert.Equal(new[] { 0.1f, -0.2f, 0.3f }, b.ActionAt(0).ToArray());
        var e = Assert.Throws<InvalidDataException>(() => ReplayBuffer<int>.Load(dir.File("c.msgpack")));
        Assert.Contains("<f4", e.Message);
        Assert.Contains("Int32", e.Message);
    }

    [Fact]
    public void PrioritizedRoundTripRestoresPrioritiesAndSamples()
    {
        using var dir = new TempDir();
        var a = new PrioritizedReplayBuffer<int>(16, 4, alpha: 0.7, beta: 0.5, seed: 11);
        for (int t = 0; t < 20; t++)
        {
            a.Add(ReplayBufferTests.Obs(t), t % 3, t, ReplayBufferTests.Obs(t + 1), false, t % 4 == 0);
        }

        a.UpdatePriorities([0, 3, 5, 9], [0.1f, 5f, 2f, 0f]);
        a.Save(dir.File("p.msgpack"));
        PrioritizedReplayBuffer<int> b = PrioritizedReplayBuffer<int>.Load(dir.File("p.msgpack"));
        Assert.Equal((a.Alpha, a.Beta, a.Epsilon, a.MaxPriority, a.TotalPriority), (b.Alpha, b.Beta, b.Epsilon, b.MaxPriority, b.TotalPriority));
        TransitionBatch<int> x = a.CreateBatch(32), y = b.CreateBatch(32);
        for (int k = 0; k < 3; k++)
        {
            a.Sample(x);
            b.Sample(y);
            Assert.Equal(x.Indices, y.Indices);
            Assert.Equal(x.Weights, y.Weights);
        }

        Assert.Throws<InvalidDataException>(() => ReplayBuffer<int>.Load(dir.File("p.msgpack")));
    }

    [Fact]
    public void TruncatedFilesAreRefused()
    {
        using var dir = new TempDir();
        string path = dir.File("t.msgpack");
        Filled(20, 20).Save(path);
        byte[] full = File.ReadAllBytes(path);
        foreach (int keep in new[] { 0, 1, 10, full.Length / 2, full.Length - 1 })
        {
            File.WriteAllBytes(path, full[..keep]);
            var e = Assert.Throws<InvalidDataException>(() => ReplayBuffer<int>.Load(path));
            Assert.Contains("truncated", e.Message);
            Assert.Contains(path, e.Message);
        }
    }

    [Fact]
    public void CorruptBytesAreRefusedByTheChecksum()
    {
        using var dir = new TempDir();
        string path = dir.File("c.msgpack");
        Filled(20, 20).Save(path);
        byte[] full = File.ReadAllBytes(path);
        foreach (int at in new[] { 0, 5, full.Length / 2, full.Length - 12 })
        {
            byte[] bad = (byte[])full.Clone();
            bad[at] ^= 0x40;
            File.WriteAllBytes(path, bad);
            var e = Assert.Throws<InvalidDataException>(() => ReplayBuffer<int>.Load(path));
            Assert.Contains("corrupt", e.Message);
        }
    }

    [Fact]
    public void SaveStreamsArraysThroughAFixedBuffer()
    {
        using var dir = new TempDir();
        ReplayBuffer<int> big = Filled(50_000, 50_000); // 800 KB of observations, 800 KB of next observations
        big.Save(dir.File("warm.msgpack"));
        long before = GC.GetAllocatedBytesForCurrentThread();
        big.Save(dir.File("big.msgpack"));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(new FileInfo(dir.File("big.msgpack")).Length > 1_600_000);
        Assert.True(allocated < 300_000, $"Save allocated {allocated} bytes; expected the 64 KB write buffers, not copies of the arrays");
    }

    [Fact]
    public void SaveReplacesTheOldFileWhole()
    {
        using var dir = new TempDir();
        string path = dir.File("r.msgpack");
        Filled(20, 3).Save(path);
        Filled(20, 15).Save(path);
        Assert.Equal(15, ReplayBuffer<int>.Load(path).Count);
        Assert.Single(Directory.GetFiles(dir.Path));
    }

    private static ReplayBuffer<int> Filled(int capacity, int n) => ReplayBufferTests.Filled(capacity, n, seed: 21);
}
