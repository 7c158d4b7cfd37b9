using RlFramework.Envs;
using RlFramework.Replay.Episodes;
using RlFramework.Runner.Datasets;

namespace RlFramework.Runner.Tests.Datasets;

/// <summary><c>rl dataset</c> and <c>rl labels</c>, run in-process (console redirection is process-wide).</summary>
[Collection("console")]
public sealed class DatasetCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "rl-dataset-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void TheDatasetRoundTripsAndDoesNotDependOnTheWorkerCount()
    {
        string one = Path.Combine(_folder, "one.msgpack"), two = Path.Combine(_folder, "two.msgpack");
        var first = CliTests.Run("dataset", "--env", "RoomRunner-v0", "--trajectories", "5", "--seed", "7", "--out", one, "--workers", "1");
        Assert.Equal(0, first.ExitCode);
        Assert.Contains("trajectories/s", first.Output);
        Assert.Equal(0, CliTests.Run("dataset", "--env", "RoomRunner-v0", "--trajectories", "5", "--seed", "7", "--out", two, "--workers", "2").ExitCode);
        Assert.Equal(File.ReadAllBytes(one), File.ReadAllBytes(two));
        Assert.Equal(["one.msgpack", "two.msgpack"], Directory.GetFiles(_folder).Select(Path.GetFileName).Order(StringComparer.Ordinal)); // no temp files left

        using var reader = new EpisodeReader(one);
        Assert.Equal("RoomRunner-v0", reader.Metadata["env"]);
        var episodes = reader.ReadAll<int>();
        var seeds = ClipDataset.TrajectorySeeds(7, 5);
        Assert.Equal(ClipDataset.Labels("RoomRunner-v0", 5, 7, 2).Select(l => (l.Label, l.Frames)), episodes.Select(e => (int.Parse(e.Labels["label"], System.Globalization.CultureInfo.InvariantCulture), e.Length + 1)));
        using var env = Gym.Make<byte[], int>("RoomRunner-v0");
        for (int i = 0; i < episodes.Count; i++)
        {
            var episode = episodes[i];
            Assert.Equal(seeds[i].ToString(System.Globalization.CultureInfo.InvariantCulture), episode.Labels["seed"]);
            var reset = env.Reset(seed: seeds[i]);
            Assert.Equal(reset.Info.Get<int>("frames"), episode.Length + 1);
            Assert.Equal(reset.Observation.Select(b => (float)b), episode.ObservationAt(0).ToArray());
            Assert.Equal(reset.Info.Get<int>("label"), episode.Infos[^1]["label"].AsInt64());
            Assert.True(episode.Terminated[^1]);
            Assert.Equal(64 * 64 * 3, episode.ObservationSize);
        }
    }

    [Fact]
    public void Lz4DatasetHoldsTheSameTrajectoriesInLessSpace()
    {
        string plain = Path.Combine(_folder, "plain.msgpack"), lz4 = Path.Combine(_folder, "lz4.msgpack");
        Assert.Equal(0, CliTests.Run("dataset", "--env", "FunnelBoard-v0", "--trajectories", "3", "--seed", "4", "--out", plain, "--workers", "1").ExitCode);
        var result = CliTests.Run("dataset", "--env", "FunnelBoard-v0", "--trajectories", "3", "--seed", "4", "--out", lz4, "--workers", "1", "--compress", "lz4");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("MB (lz4)", result.Output);
        Assert.InRange(new FileInfo(lz4).Length, 1, new FileInfo(plain).Length * 3 / 4);

        using var a = new EpisodeReader(plain);
        using var b = new EpisodeReader(lz4);
        var expected = a.ReadAll<int>();
        var actual = b.ReadAll<int>();
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Observations, actual[i].Observations);
            Assert.Equal(expected[i].Labels, actual[i].Labels);
        }
    }

    [Fact]
    public void LabelsPrintsTheShareOfEachLabel()
    {
        var result = CliTests.Run("labels", "--env", "FunnelBoard-v0", "--trajectories", "4", "--seed", "1");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("FunnelBoard-v0: 4 trajectories from seed 1", result.Output);
        Assert.Contains("share", result.Output);
    }

    [Fact]
    public void RecordMakesGifsOfAClipEnv()
    {
        var result = CliTests.Run("record", "--env", "FunnelBoard-v0", "--episodes", "1", "--seed", "3", "--out", _folder);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("rl-video-episode-0.gif", Path.GetFileName(Assert.Single(Directory.GetFiles(_folder))));
    }

    [Theory]
    [InlineData("CartPole-v1", "5", "Discrete(1)")]
    [InlineData("RoomRunner-v0", "0", "--trajectories must be positive; got 0")]
    [InlineData("FunelBoard-v0", "5", "Did you mean: 'FunnelBoard-v0'")]
    [InlineData("RoomRunner-v0", "5", "--compress must be none or lz4; got 'zstd'", "zstd")]
    public void BadInputIsOneClearErrorLineAndWritesNothing(string env, string trajectories, string message, string compress = "none")
    {
        string path = Path.Combine(_folder, "bad.msgpack");
        var result = CliTests.Run("dataset", "--env", env, "--trajectories", trajectories, "--out", path, "--compress", compress);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error);
        Assert.False(Directory.Exists(_folder) && Directory.EnumerateFileSystemEntries(_folder).Any(), "a failed dataset leaves no file");
    }
}
