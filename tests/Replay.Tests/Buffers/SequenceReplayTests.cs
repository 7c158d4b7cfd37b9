using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace RlFramework.Replay.Tests.Buffers;

public class SequenceReplayTests
{
    // Observation of step t of episode tag: [tag * 1000 + t, -t]; action = t; reward = tag + t / 100.
    private static float[] Obs(int tag, int t) => [tag * 1000 + t, -t];

    private static void AddEpisode(SequenceReplayBuffer<int> b, int tag, int length, bool truncate = false, int env = 0)
    {
        for (int t = 0; t < length; t++)
        {
            bool last = t == length - 1;
            b.Add(env, Obs(tag, t), t, tag + t / 100f, Obs(tag, t + 1), last && !truncate, last && truncate);
        }
    }

    [Fact]
    public void EpisodesAreStoredWhenTheyEnd()
    {
        var b = new SequenceReplayBuffer<int>(100, 2);
        AddEpisode(b, 1, 5);
        b.Add(0, Obs(2, 0), 0, 0, Obs(2, 1), false, false);
        Assert.Equal(1, b.EpisodeCount);
        Assert.Equal(5, b.StepCount);
        Assert.Equal(1, b.PendingLength(0));
        EpisodeView<int> ep = b.GetEpisode(0);
        Assert.Equal(0, ep.Id);
        Assert.Equal(5, ep.Length);
        for (int t = 0; t < 5; t++)
        {
            Assert.Equal(Obs(1, t), ep.Observations.Slice(t * 2, 2).ToArray());
            Assert.Equal(Obs(1, t + 1), ep.NextObservations.Slice(t * 2, 2).ToArray());
            Assert.Equal(t, ep.Actions[t]);
            Assert.Equal(t == 4, ep.Terminated[t]);
            Assert.False(ep.Truncated[t]);
        }
    }

    [Fact]
    public void OldestWholeEpisodesAreEvicted()
    {
        var b = new SequenceReplayBuffer<int>(10, 2);
        AddEpisode(b, 0, 4); // [0,4)
        AddEpisode(b, 1, 4); // [4,8)
        AddEpisode(b, 2, 4); // does not fit at 8: wraps to [0,4), evicting episode 0
        Assert.Equal(new long[] { 1, 2 }, Ids(b));
        Assert.Equal(8, b.StepCount);
        AddEpisode(b, 3, 3); // [4,7) evicts episode 1
        Assert.Equal(new long[] { 2, 3 }, Ids(b));
        AddEpisode(b, 4, 3); // [7,10)
        AddEpisode(b, 5, 1); // wraps to [0,1), evicting episode 2
        Assert.Equal(new long[] { 3, 4, 5 }, Ids(b));
        Assert.Equal(7, b.StepCount);
        EpisodeView<int> ep = b.GetEpisode(1);
        Assert.Equal(Obs(4, 2), ep.Observations.Slice(4, 2).ToArray());
        var e = Assert.Throws<InvalidOperationException>(() => AddEpisode(b, 6, 11));
        Assert.Contains("10", e.Message);
    }

    [Fact]
    public void FullWindowsAreUniformOverWindowsAndPaddedOnlyForShortEpisodes()
    {
        var b = new SequenceReplayBuffer<int>(100, 2, seed: 4);
        AddEpisode(b, 1, 5); // windows of 3 start at 0, 1, 2
        AddEpisode(b, 2, 2, truncate: true); // one padded window at 0
        SequenceBatch<int> batch = b.CreateBatch(50, 3);
        var counts = new Dictionary<(long, int), int>();
        for (int k = 0; k < 400; k++)
        {
            b.SampleWindows(batch);
            CheckWindows(b, batch);
            for (int i = 0; i < batch.BatchSize; i++)
            {
                var key = (batch.EpisodeIds[i], batch.StartSteps[i]);
                counts[key] = counts.GetValueOrDefault(key) + 1;
                Assert.Equal(batch.EpisodeIds[i] == 0 ? 3 : 2, batch.ValidLengths[i]);
            }
        }

        Assert.Equal(new[] { (0L, 0), (0L, 1), (0L, 2), (1L, 0) }, counts.Keys.Order().ToArray());
        Assert.All(counts.Values, c => Assert.InRange(c, 4_500, 5_500)); // 20,000 draws / 4
    }

    [Fact]
    public void AnyStepWindowsStartAtEveryStepAndArePaddedPastTheEnd()
    {
        var b = new SequenceReplayBuffer<int>(100, 2, seed: 8);
        AddEpisode(b, 1, 5);
        AddEpisode(b, 2, 2);
        SequenceBatch<int> batch = b.CreateBatch(70, 4);
        var counts = new Dictionary<(long, int), int>();
        for (int k = 0; k < 200; k++)
        {
            b.SampleWindows(batch, WindowStart.AnyStep);
            CheckWindows(b, batch);
            for (int i = 0; i < batch.BatchSize; i++)
            {
                var key = (batch.EpisodeIds[i], batch.StartSteps[i]);
                counts[key] = counts.GetValueOrDefault(key) + 1;
            }
        }

        Assert.Equal(7, counts.Count);
        Assert.All(counts.Values, c => Assert.InRange(c, 1_700, 2_300)); // 14,000 draws / 7
    }

    [Fact]
    public void WholeEpisodeSampling()
    {
        var b = new SequenceReplayBuffer<int>(100, 2, seed: 2);
        AddEpisode(b, 1, 3);
        AddEpisode(b, 2, 7);
        SequenceBatch<int> batch = b.CreateBatch(16, 5);
        b.SampleEpisodes(batch);
        CheckWindows(b, batch);
        Assert.All(batch.StartSteps, s => Assert.Equal(0, s));
        for (int i = 0; i < 16; i++)
        {
            Assert.Equal(batch.EpisodeIds[i] == 0 ? 3 : 5, batch.ValidLengths[i]);
        }

        Assert.Contains(0L, batch.EpisodeIds);
        Assert.Contains(1L, batch.EpisodeIds);
        int index = b.SampleEpisode();
        Assert.InRange(index, 0, 1);
    }

    [Fact]
    public void VectorEnvEpisodesStayContiguous()
    {
        var b = new SequenceReplayBuffer<int>(100, 2, numEnvs: 3);
        int[] lengths = [2, 5, 3];
        var step = new int[3];
        for (int k = 0; k < 10; k++)
        {
            var obs = new float[6];
            var next = new float[6];
            var act = new int[3];
            var rew = new float[3];
            var term = new bool[3];
            var trunc = new bool[3];
            for (int e = 0; e < 3; e++)
            {
                int t = step[e];
                Obs(e, t).CopyTo(obs, e * 2);
                Obs(e, t + 1).CopyTo(next, e * 2);
                act[e] = t;
                term[e] = t == lengths[e] - 1;
                step[e] = term[e] ? 0 : t + 1;
            }

            b.AddBatch(obs, act, rew, next, term, trunc);
        }

        // env0 finishes 5 episodes, env1 2, env2 3 (one step pending on env2... 10 = 3*3 + 1).
        Assert.Equal(10, b.EpisodeCount);
        Assert.Equal(1, b.PendingLength(2));
        for (int i = 0; i < b.EpisodeCount; i++)
        {
            EpisodeView<int> ep = b.GetEpisode(i);
            int env = (int)(ep.Observations[0] / 1000);
            Assert.Equal(lengths[env], ep.Length);
            for (int t = 0; t < ep.Length; t++)
            {
                Assert.Equal(Obs(env, t), ep.Observations.Slice(t * 2, 2).ToArray());
            }
        }
    }

    [Fact]
    public void SameSeedSameWindows()
    {
        int[] Run(long seed)
        {
            var b = new SequenceReplayBuffer<int>(60, 2, seed: seed);
            for (int e = 0; e < 12; e++)
            {
                AddEpisode(b, e, 3 + (e * 7 % 9));
            }

            SequenceBatch<int> batch = b.CreateBatch(8, 4);
            var all = new List<int>();
            for (int k = 0; k < 5; k++)
            {
                b.SampleWindows(batch, k % 2 == 0 ? WindowStart.FullWindows : WindowStart.AnyStep);
                all.AddRange(batch.StartSteps);
                all.AddRange(batch.EpisodeIds.Select(x => (int)x));
            }

            return all.ToArray();
        }

        Assert.Equal(Run(3), Run(3));
        Assert.NotEqual(Run(3), Run(4));
    }

    [Fact]
    public void SaveLoadRoundTripKeepsLayoutPendingStepsAndSampling()
    {
        using var dir = new TempDir();
        var a = new SequenceReplayBuffer<int>(30, 2, numEnvs: 2, seed: 6);
        for (int e = 0; e < 9; e++)
        {
            AddEpisode(a, e, 2 + e % 5, truncate: e % 3 == 0, env: e % 2);
        }

        AddEpisode(a, 50, 3, env: 1);
        a.Add(0, Obs(60, 0), 0, 1, Obs(60, 1), false, false); // pending on env 0
        SequenceBatch<int> warm = a.CreateBatch(4, 3);
        a.SampleWindows(warm);
        string path = dir.File("seq.msgpack");
        a.Save(path);
        SequenceReplayBuffer<int> b = SequenceReplayBuffer<int>.Load(path);
        Assert.Equal((a.EpisodeCount, a.StepCount, a.EpisodesAdded), (b.EpisodeCount, b.StepCount, b.EpisodesAdded));
        Assert.Equal(1, b.PendingLength(0));

        // Both continue identically: finish the pending episode, add more, sample.
        foreach (var buf in new[] { a, b })
        {
            buf.Add(0, Obs(60, 1), 1, 1, Obs(60, 2), true, false);
            AddEpisode(buf, 70, 6, env: 1);
        }

        Assert.Equal(Ids(a), Ids(b));
        SequenceBatch<int> x = a.CreateBatch(16, 4), y = b.CreateBatch(16, 4);
        a.SampleWindows(x, WindowStart.AnyStep);
        b.SampleWindows(y, WindowStart.AnyStep);
        Assert.Equal(x.Observations, y.Observations);
        Assert.Equal(x.Mask, y.Mask);
        Assert.Equal(x.Truncated, y.Truncated);

        byte[] bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length - 3)]);
        Assert.Throws<InvalidDataException>(() => SequenceReplayBuffer<int>.Load(path));
    }

    [Property(MaxTest = 60)]
    public void WindowsAreAlwaysValid(PositiveInt seed, NonEmptyArray<PositiveInt> episodeLengths, PositiveInt windowLength)
    {
        int capacity = 40;
        int length = 1 + windowLength.Get % 12;
        var b = new SequenceReplayBuffer<int>(capacity, 2, seed: seed.Get);
        int tag = 0;
        foreach (PositiveInt l in episodeLengths.Get)
        {
            AddEpisode(b, tag++, 1 + l.Get % capacity);
        }

        Assert.True(b.StepCount <= capacity);
        Assert.Equal(b.StepCount, Enumerable.Range(0, b.EpisodeCount).Sum(i => b.GetEpisode(i).Length));
        SequenceBatch<int> batch = b.CreateBatch(6, length);
        b.SampleWindows(batch, WindowStart.FullWindows);
        CheckWindows(b, batch);
        b.SampleWindows(batch, WindowStart.AnyStep);
        CheckWindows(b, batch);
        b.SampleEpisodes(batch);
        CheckWindows(b, batch);
    }

    /// <summary>Every window matches its stored episode at its start step; mask is 1 then 0; padding is zero; IsFirst only at episode starts.</summary>
    private static void CheckWindows(SequenceReplayBuffer<int> b, SequenceBatch<int> batch)
    {
        int L = batch.Length;
        for (int i = 0; i < batch.BatchSize; i++)
        {
            int index = Enumerable.Range(0, b.EpisodeCount).Single(k => b.GetEpisode(k).Id == batch.EpisodeIds[i]);
            EpisodeView<int> ep = b.GetEpisode(index);
            int start = batch.StartSteps[i];
            int valid = batch.ValidLengths[i];
            Assert.InRange(start, 0, ep.Length - 1);
            Assert.Equal(Math.Min(L, ep.Length - start), valid);
            for (int t = 0; t < L; t++)
            {
                int row = i * L + t;
                if (t < valid)
                {
                    Assert.Equal(1f, batch.Mask[row]);
                    Assert.Equal(ep.Observations.Slice((start + t) * 2, 2).ToArray(), batch.Observations.AsSpan(row * 2, 2).ToArray());
                    Assert.Equal(ep.NextObservations.Slice((start + t) * 2, 2).ToArray(), batch.NextObservations.AsSpan(row * 2, 2).ToArray());
                    Assert.Equal(ep.Actions[start + t], batch.Actions[row]);
                    Assert.Equal(ep.Rewards[start + t], batch.Rewards[row]);
                    Assert.Equal(ep.Terminated[start + t], batch.Terminated[row]);
                    Assert.Equal(ep.Truncated[start + t], batch.Truncated[row]);
                    Assert.Equal(start + t == 0, batch.IsFirst[row]);
                }
                else
                {
                    Assert.Equal(0f, batch.Mask[row]);
                    Assert.Equal(0f, batch.Observations[row * 2]);
                    Assert.Equal(0, batch.Actions[row]);
                    Assert.False(batch.Terminated[row] || batch.Truncated[row] || batch.IsFirst[row]);
                }
            }
        }
    }

    private static long[] Ids(SequenceReplayBuffer<int> b) => Enumerable.Range(0, b.EpisodeCount).Select(i => b.GetEpisode(i).Id).ToArray();
}
