using RlFramework.Replay.Episodes;

namespace RlFramework.Replay.Tests;

/// <summary>The usage examples given to the agent authors, compiled and run.</summary>
public class UsageExampleTests
{
    [Fact]
    public void DqnStyleAgentAddsTransitionsAndSamplesABatch()
    {
        using var dir = new TempDir();
        const int numEnvs = 4;
        var buffer = new ReplayBuffer<int>(capacity: 10_000, observationSize: 4, seed: 1);
        TransitionBatch<int> batch = buffer.CreateBatch(128);          // once

        float[] obs = new float[numEnvs * 4], nextObs = new float[numEnvs * 4], rewards = new float[numEnvs];
        int[] actions = new int[numEnvs];
        bool[] terminated = new bool[numEnvs], truncated = new bool[numEnvs];
        for (int step = 0; step < 100; step++)
        {
            // ... act, step the vector env into nextObs/rewards/terminated/truncated ...
            nextObs[0] = step;
            truncated[1] = step % 50 == 49;
            buffer.AddBatch(obs, actions, rewards, nextObs, terminated, truncated);
            if (buffer.Count >= 128)
            {
                buffer.Sample(batch);                                  // fills batch in place, no allocation
                for (int i = 0; i < batch.Size; i++)
                {
                    // target = r + gamma * (1 - terminated) * max_a Q_target(next_obs)  (truncation still bootstraps)
                    float notDone = batch.Terminated[i] ? 0f : 1f;
                    Assert.Equal(1f, notDone);
                }
            }
        }

        buffer.Save(dir.File("replay.msgpack"));                        // atomic; RNG state included
        ReplayBuffer<int> resumed = ReplayBuffer<int>.Load(dir.File("replay.msgpack"));
        Assert.Equal(400, resumed.Count);

        ITransitionReplay<int> replay = new PrioritizedReplayBuffer<int>(10_000, 4, alpha: 0.6, beta: 0.4, seed: 1);
        for (int i = 0; i < 200; i++)
        {
            replay.Add(obs.AsSpan(0, 4), 0, 1f, nextObs.AsSpan(0, 4), false, false);
        }

        TransitionBatch<int> pb = replay.CreateBatch(128);
        replay.Sample(pb);                                              // pb.Weights = normalised IS weights (1 for uniform)
        var tdErrors = new float[128];
        if (replay is PrioritizedReplayBuffer<int> per)
        {
            per.UpdatePriorities(pb.Indices, tdErrors);                // |TD error| per sampled slot
            per.Beta = 0.7;                                             // anneal towards 1
        }
    }

    [Fact]
    public void RecurrentAgentSamplesWindows()
    {
        var seq = new SequenceReplayBuffer<int>(capacity: 50_000, observationSize: 4, numEnvs: 2, seed: 7);
        SequenceBatch<int> windows = seq.CreateBatch(batchSize: 32, length: 16);
        for (int t = 0; t < 300; t++)
        {
            bool end = t % 40 == 39;
            seq.Add(env: 0, observation: [t, 0, 0, 0], action: t % 2, reward: 1f, nextObservation: [t + 1, 0, 0, 0], terminated: end, truncated: false);
            seq.Add(env: 1, observation: [t, 1, 0, 0], action: 0, reward: 1f, nextObservation: [t + 1, 1, 0, 0], terminated: false, truncated: t % 25 == 24);
        }

        seq.SampleWindows(windows);                                    // [32, 16, 4] obs, Mask 1/0, IsFirst marks episode starts
        Assert.All(windows.ValidLengths, v => Assert.Equal(16, v));     // every stored episode is >= 16 steps
        seq.SampleWindows(windows, WindowStart.AnyStep);                // any start step; tails padded, Mask 0
        Assert.Contains(windows.Mask, m => m == 0f);
        EpisodeView<int> whole = seq.GetEpisode(seq.SampleEpisode());   // zero-copy whole episode
        Assert.True(whole.Length is 25 or 40);
    }

    [Fact]
    public void RecordingEpisodes()
    {
        using var dir = new TempDir();
        var episode = new Episode<int>(resetObservation: [0f, 0f, 0f, 0f]);
        episode.AddStep(1, [0.1f, 0f, 0f, 0f], 1f, terminated: false, truncated: false, new Dictionary<string, InfoValue> { ["x"] = 0.1 });
        episode.AddStep(0, [0.2f, 0f, 0f, 0f], 1f, terminated: true, truncated: false);
        episode.Labels["env"] = "CartPole-v1";
        using (var writer = new EpisodeWriter(dir.File("episodes.msgpack"), new Dictionary<string, string> { ["seed"] = "1" }))
        {
            writer.Write(episode);
        }

        using var reader = new EpisodeReader(dir.File("episodes.msgpack"));
        Episode<int> back = Assert.Single(reader.ReadAll<int>());
        Assert.Equal(0.1, back.Infos[0]["x"].AsDouble());
    }
}
