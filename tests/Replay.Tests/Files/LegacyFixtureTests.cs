using RlFramework.Replay.Episodes;
using RlFramework.Replay.Tests.Buffers;
using RlFramework.Replay.Tests.Episodes;

namespace RlFramework.Replay.Tests.Files;

/// <summary>
/// Fixtures/Legacy/*.msgpack were written by our former MessagePack codec (commit 8ad7385, before MessagePack-CSharp)
/// from the objects built below. Episode files written today from the same objects are byte-identical to them, and
/// each episode fixture loads and saves back byte-identically. The replay fixtures are replay file version 1; today's
/// buffers write version 2 (Fixtures/Version2/, written by this code from the same objects): a version-1 fixture
/// loads into a buffer that saves exactly what the same object saves, and that is the version-2 fixture.
/// </summary>
public class LegacyFixtureTests
{
    private static readonly Dictionary<string, string> EpisodeMetadata = new() { ["run"] = "legacy", ["seed"] = "7" };

    [Fact]
    public void EpisodeFileIsWrittenAndReWrittenByteIdentically()
    {
        byte[] legacy = Fixture("episodes.msgpack");
        using var dir = new TempDir();
        Assert.Equal(legacy, WriteEpisodes(dir.File("new.msgpack"), EpisodeMetadata, false, [EpisodeFileTests.Sample(1, 5), EpisodeFileTests.Sample(2, 1, truncated: true), EpisodeFileTests.Sample(3, 0)]));

        using var reader = new EpisodeReader(FixturePath("episodes.msgpack"));
        List<Episode<int>> episodes = reader.ReadAll<int>();
        Assert.Equal([5, 1, 0], episodes.Select(e => e.Length));
        Assert.Equal("run", episodes[0].Infos[4]["phase"].AsString());
        Assert.Equal(legacy, WriteEpisodes(dir.File("again.msgpack"), reader.Metadata, false, episodes));
    }

    [Fact]
    public void ByteObservationFileIsWrittenAndReWrittenByteIdentically()
    {
        byte[] legacy = Fixture("pixels.msgpack");
        using var dir = new TempDir();
        var metadata = new Dictionary<string, string> { ["env"] = "pixels" };
        Assert.Equal(legacy, WriteEpisodes(dir.File("new.msgpack"), metadata, true, [PixelEpisode()]));

        using var reader = new EpisodeReader(FixturePath("pixels.msgpack"));
        List<Episode<float>> episodes = reader.ReadAll<float>();
        Assert.Equal(PixelEpisode().Observations, episodes[0].Observations);
        Assert.Equal(legacy, WriteEpisodes(dir.File("again.msgpack"), reader.Metadata, true, episodes));
    }

    [Fact]
    public void UniformBufferIsSavedAndReSavedByteIdentically()
    {
        AssertSavesFixture("uniform.msgpack", path => ReplayBufferTests.Filled(13, 40, seed: 21).Save(path));
        AssertSavesFixture("uniform.msgpack", path => ReplayBuffer<int>.Load(FixturePath("uniform.msgpack")).Save(path));
        AssertSavesFixture("uniform.msgpack", path => ReplayBuffer<int>.Load(FixturePath("uniform.msgpack", Version2)).Save(path));
    }

    [Fact]
    public void PrioritizedBufferIsSavedAndReSavedByteIdentically()
    {
        var p = new PrioritizedReplayBuffer<int>(16, 4, alpha: 0.7, beta: 0.5, seed: 11);
        for (int t = 0; t < 20; t++)
        {
            p.Add(ReplayBufferTests.Obs(t), t % 3, t, ReplayBufferTests.Obs(t + 1), false, t % 4 == 0);
        }

        p.UpdatePriorities([0, 3, 5, 9], [0.1f, 5f, 2f, 0f]);
        AssertSavesFixture("prioritized.msgpack", p.Save);
        AssertSavesFixture("prioritized.msgpack", path => PrioritizedReplayBuffer<int>.Load(FixturePath("prioritized.msgpack")).Save(path));
        AssertSavesFixture("prioritized.msgpack", path => PrioritizedReplayBuffer<int>.Load(FixturePath("prioritized.msgpack", Version2)).Save(path));
    }

    [Fact]
    public void SequenceBufferIsSavedAndReSavedByteIdentically()
    {
        var s = new SequenceReplayBuffer<int>(30, 2, numEnvs: 2, seed: 6);
        for (int e = 0; e < 9; e++)
        {
            int n = 2 + e % 5;
            for (int t = 0; t < n; t++)
            {
                s.Add(e % 2, [e, t], t % 2, e + t / 100f, [e, t + 1], t == n - 1 && e % 3 != 0, t == n - 1 && e % 3 == 0);
            }
        }

        s.Add(0, [60f, 0f], 0, 1, [60f, 1f], false, false);
        AssertSavesFixture("sequence.msgpack", s.Save);
        AssertSavesFixture("sequence.msgpack", path => SequenceReplayBuffer<int>.Load(FixturePath("sequence.msgpack")).Save(path));
        AssertSavesFixture("sequence.msgpack", path => SequenceReplayBuffer<int>.Load(FixturePath("sequence.msgpack", Version2)).Save(path));
    }

    /// <summary>The replay fixtures in today's format (version 2).</summary>
    private const string Version2 = "Version2";

    /// <summary>Checks that <paramref name="save"/> writes the version-2 fixture <paramref name="fixture"/>.</summary>
    private static void AssertSavesFixture(string fixture, Action<string> save)
    {
        using var dir = new TempDir();
        save(dir.File(fixture));
        Assert.Equal(Fixture(fixture, Version2), File.ReadAllBytes(dir.File(fixture)));
    }

    private static Episode<float> PixelEpisode()
    {
        var ep = new Episode<float>([0f, 17f, 255f, 3f, 128f, 64f], actionSize: 2);
        for (int t = 1; t <= 4; t++)
        {
            ep.AddStep([t * 0.5f, -t], [t, 2 * t, 255 - t, 0, 100 + t, 7], t * 0.25f, t == 4, false, t == 4 ? new Dictionary<string, InfoValue> { ["label"] = 3 } : null);
        }

        ep.Labels["label"] = "3";
        return ep;
    }

    private static byte[] WriteEpisodes<TAction>(string path, IReadOnlyDictionary<string, string> metadata, bool byteObservations, IEnumerable<Episode<TAction>> episodes)
        where TAction : unmanaged
    {
        using (var writer = new EpisodeWriter(path, metadata, byteObservations))
        {
            foreach (Episode<TAction> episode in episodes)
            {
                writer.Write(episode);
            }
        }

        return File.ReadAllBytes(path);
    }

    private static string FixturePath(string name, string folder = "Legacy") => Path.Combine(AppContext.BaseDirectory, "Fixtures", folder, name);

    private static byte[] Fixture(string name, string folder = "Legacy") => File.ReadAllBytes(FixturePath(name, folder));
}
