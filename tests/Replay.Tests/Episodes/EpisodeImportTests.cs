using RlFramework.Replay.Episodes;

namespace RlFramework.Replay.Tests.Episodes;

public class EpisodeImportTests
{
    [Fact]
    public void EpisodesFromAFileFillBuffers()
    {
        using var dir = new TempDir();
        string path = dir.File("e.msgpack");
        using (var w = new EpisodeWriter(path))
        {
            w.Write(EpisodeFileTests.Sample(1, 4));
            w.Write(EpisodeFileTests.Sample(2, 3, truncated: true));
        }

        using var r = new EpisodeReader(path);
        List<Episode<int>> episodes = r.ReadAll<int>();

        var uniform = new ReplayBuffer<int>(100, 4);
        var sequence = new SequenceReplayBuffer<int>(100, 4);
        foreach (Episode<int> e in episodes)
        {
            uniform.AddEpisode(e);
            sequence.AddEpisode(e);
        }

        Assert.Equal(7, uniform.Count);
        Assert.Equal(episodes[1].ObservationAt(1).ToArray(), uniform.ObservationAt(5).ToArray());
        Assert.Equal(episodes[1].ObservationAt(2).ToArray(), uniform.NextObservationAt(5).ToArray());
        Assert.Equal((false, true), uniform.FlagsAt(6));
        Assert.Equal((true, false), uniform.FlagsAt(3));

        Assert.Equal(2, sequence.EpisodeCount);
        EpisodeView<int> view = sequence.GetEpisode(1);
        Assert.Equal(3, view.Length);
        Assert.Equal(episodes[1].Actions, view.Actions.ToArray());
        Assert.Equal(episodes[1].Rewards, view.Rewards.ToArray());
        Assert.True(view.Truncated[2]);
        Assert.Equal(episodes[1].ObservationAt(3).ToArray(), view.NextObservations.Slice(8, 4).ToArray());

        var wrongSize = new SequenceReplayBuffer<int>(100, 3);
        var e2 = Assert.Throws<ArgumentException>(() => wrongSize.AddEpisode(episodes[0]));
        Assert.Contains("observation size 4", e2.Message);
    }
}
