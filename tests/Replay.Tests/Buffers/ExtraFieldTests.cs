namespace RlFramework.Replay.Tests.Buffers;

/// <summary>Named extra per-transition fields: stored beside the action, sampled into the batch, saved and loaded.</summary>
public class ExtraFieldTests
{
    [Fact]
    public void UniformSamplesCarryEachTransitionsExtraValues()
    {
        var b = new ReplayBuffer<int>(50, 4, seed: 3, extraFields: ["n_step_horizon", "task_id"]);
        for (int t = 0; t < 30; t++)
        {
            b.Add(ReplayBufferTests.Obs(t), t % 2, t, ReplayBufferTests.Obs(t + 1), false, false, [t % 3 + 1, 100 + t]);
        }

        b.AddBatch([.. ReplayBufferTests.Obs(30), .. ReplayBufferTests.Obs(31)], [0, 1], [30, 31], [.. ReplayBufferTests.Obs(31), .. ReplayBufferTests.Obs(32)], [false, false], [false, false], [1, 130, 2, 131]);
        TransitionBatch<int> batch = b.CreateBatch(64);
        int[] horizons = batch.Extra("n_step_horizon"), tasks = batch.Extra("task_id");
        b.Sample(batch);
        for (int i = 0; i < batch.Size; i++)
        {
            int t = (int)batch.Rewards[i]; // the reward is the step number
            Assert.Equal(t % 3 + 1, horizons[i]);
            Assert.Equal(100 + t, tasks[i]);
            Assert.Equal(t % 2, batch.Actions[i]);
        }

        Assert.Equal(131, b.ExtraAt("task_id", 31));
        Assert.Same(horizons, batch.Extra("n_step_horizon"));
    }

    [Fact]
    public void MissingOrUnknownExtraValuesAreRefusedByName()
    {
        var b = new ReplayBuffer<int>(10, 1, extraFields: ["task_id"]);
        var e = Assert.Throws<ArgumentException>(() => b.Add([0f], 1, 0, [0f], false, false));
        Assert.Contains("task_id", e.Message);
        Assert.Throws<ArgumentException>(() => b.Add([0f], 1, 0, [0f], false, false, [1, 2]));
        Assert.Contains("previous_action", Assert.Throws<ArgumentException>(() => b.CreateBatch(2).Extra("previous_action")).Message);
        Assert.Throws<ArgumentException>(() => new ReplayBuffer<int>(10, 1, extraFields: ["task_id", "task_id"]));
        Assert.Throws<ArgumentException>(() => new ReplayBuffer<int>(10, 1, extraFields: ["Task Id"]));
        b.Add([0f], 1, 0, [0f], false, false, [7]);
        var other = new TransitionBatch<int>(2, 1);
        Assert.Contains("task_id", Assert.Throws<ArgumentException>(() => b.Sample(other)).Message);
    }

    [Fact]
    public void UniformAndPrioritizedExtrasSurviveSaveAndLoad()
    {
        using var dir = new TempDir();
        var u = new ReplayBuffer<int>(8, 2, seed: 5, extraFields: ["n_step_horizon"]);
        var p = new PrioritizedReplayBuffer<int>(8, 2, seed: 5, extraFields: ["task_id"]);
        for (int t = 0; t < 11; t++)
        {
            u.Add([t, 0], t % 2, t, [t + 1, 0], false, false, [t]);
            p.Add([t, 0], t % 2, t, [t + 1, 0], false, false, [t * 2]);
        }

        u.Save(dir.File("u.msgpack"));
        p.Save(dir.File("p.msgpack"));
        ReplayBuffer<int> u2 = ReplayBuffer<int>.Load(dir.File("u.msgpack"));
        PrioritizedReplayBuffer<int> p2 = PrioritizedReplayBuffer<int>.Load(dir.File("p.msgpack"));
        Assert.Equal(["n_step_horizon"], u2.ExtraFields);
        Assert.Equal(["task_id"], p2.ExtraFields);
        for (int slot = 0; slot < 8; slot++)
        {
            Assert.Equal(u.ExtraAt("n_step_horizon", slot), u2.ExtraAt("n_step_horizon", slot));
            Assert.Equal(p.Storage.ExtraAt("task_id", slot), p2.Storage.ExtraAt("task_id", slot));
        }

        Assert.Equal(10, u2.ExtraAt("n_step_horizon", 2)); // the ring wrapped: step 10 sits in slot 2
    }

    [Fact]
    public void SequenceWindowsEpisodesAndPendingStepsCarryExtras()
    {
        using var dir = new TempDir();
        var s = new SequenceReplayBuffer<int>(40, 1, numEnvs: 2, seed: 4, extraFields: ["previous_action"]);
        for (int e = 0; e < 6; e++)
        {
            for (int t = 0; t < 5; t++)
            {
                s.Add(e % 2, [t], t % 2, 10 * e + t, [t + 1], t == 4, false, [t == 0 ? -1 : (t - 1) % 2]);
            }
        }

        s.AddBatch([0f, 0f], [1, 0], [99, 98], [1f, 1f], [false, false], [false, false], [-1, -1]);
        s.Save(dir.File("s.msgpack"));
        SequenceReplayBuffer<int> loaded = SequenceReplayBuffer<int>.Load(dir.File("s.msgpack"));
        foreach (SequenceReplayBuffer<int> b in new[] { s, loaded })
        {
            Assert.Equal([-1, 0, 1, 0, 1], b.GetEpisode(2).Extra("previous_action").ToArray());
            SequenceBatch<int> batch = b.CreateBatch(16, 3);
            b.SampleWindows(batch, WindowStart.AnyStep);
            int[] previous = batch.Extra("previous_action");
            for (int row = 0; row < batch.BatchSize * batch.Length; row++)
            {
                int step = (int)batch.Rewards[row] % 10;
                Assert.Equal(batch.Mask[row] == 0 ? 0 : step == 0 ? -1 : (step - 1) % 2, previous[row]);
            }

            Assert.Equal((1, 1), (b.PendingLength(0), b.PendingLength(1)));
        }

        SequenceBatch<int> x = s.CreateBatch(8, 3), y = loaded.CreateBatch(8, 3);
        s.SampleWindows(x, WindowStart.FullWindows, new ReplayRandom(1));
        loaded.SampleWindows(y, WindowStart.FullWindows, new ReplayRandom(1));
        Assert.Equal(x.Extra("previous_action"), y.Extra("previous_action"));
        Assert.Throws<ArgumentException>(() => s.SampleWindows(new SequenceBatch<int>(2, 3, 1)));
    }
}
