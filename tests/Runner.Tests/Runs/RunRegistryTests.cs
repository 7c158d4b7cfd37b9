using Microsoft.Data.Sqlite;
using RlFramework.Runner.Runs;
using RlFramework.Runner.Tests.Logging;

namespace RlFramework.Runner.Tests.Runs;

public class RunRegistryTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 19, 30, 0, TimeSpan.Zero);
    private const string Config = """{"learning_rate": 0.00025, "buffer_size": 10000}""";

    [Fact]
    public void AStartedRunHasAReadableIdAndReadsBackWhole()
    {
        using var folder = new TempDir();
        var clock = new ManualClock(Start.AddMilliseconds(250.7));
        using var registry = RunRegistry.Open(folder.Path, clock);
        var run = registry.StartRun("CartPole-v1", "DQN", Config, 1);
        Assert.Equal("cartpole-v1-dqn-20261123-193000-s1", run.Id);
        Assert.Equal(Path.Combine(folder.Path, run.Id), registry.RunFolder(run.Id));
        var stored = registry.Get(run.Id);
        Assert.Equal(("CartPole-v1", "DQN", Config, 1L), (stored.Env, stored.Agent, stored.Config, stored.Seed));
        Assert.Equal(Start.AddMilliseconds(250), stored.StartedAt);
        Assert.Null(stored.EndedAt);
        Assert.Equal(RunStatus.Running, stored.Status);
        Assert.Empty(stored.Summary);
        Assert.Empty(stored.Artifacts);
        Assert.Equal((Environment.MachineName, Environment.ProcessId), (stored.Host, stored.ProcessId));
        Assert.Equal(run.StartedAt, stored.StartedAt);
    }

    [Fact]
    public void RunsStartedInTheSameSecondGetDistinctIds()
    {
        using var folder = new TempDir();
        using var registry = RunRegistry.Open(folder.Path, new ManualClock(Start));
        var ids = Enumerable.Range(0, 3).Select(_ => registry.StartRun("Room Runner/Maze v2", "e-prop DRQN", "{}", -4).Id).ToList();
        Assert.Equal(["room-runner-maze-v2-e-prop-drqn-20261123-193000-s-4", "room-runner-maze-v2-e-prop-drqn-20261123-193000-s-4-2", "room-runner-maze-v2-e-prop-drqn-20261123-193000-s-4-3"], ids);
        Assert.Equal(ids, registry.List().Select(r => r.Id));
    }

    [Fact]
    public void StatusSummaryAndArtifactsAreKeptAcrossReopening()
    {
        using var folder = new TempDir();
        var clock = new ManualClock(Start);
        string id;
        using (var registry = RunRegistry.Open(folder.Path, clock))
        {
            id = registry.StartRun("CartPole-v1", "dqn", Config, 7).Id;
            clock.Advance(TimeSpan.FromSeconds(73));
            registry.SetSummary(id, new Dictionary<string, double> { ["charts/episodic_return"] = 488.5, ["charts/SPS"] = 41000 });
            registry.SetSummary(id, new Dictionary<string, double> { ["charts/episodic_return"] = 500, ["losses/td_loss"] = double.NaN });
            registry.AddArtifact(id, "checkpoint", Path.Combine(folder.Path, id, "checkpoint"));
            registry.AddArtifact(id, "elsewhere", "/tmp/outside/video.gif");
            registry.UpdateStatus(id, RunStatus.Interrupted, "Ctrl+C");
        }

        using (var reopened = RunRegistry.Open(folder.Path, clock))
        {
            var run = reopened.Get(id);
            Assert.Equal(RunStatus.Interrupted, run.Status);
            Assert.Equal("Ctrl+C", run.Message);
            Assert.Equal(Start.AddSeconds(73), run.EndedAt);
            Assert.Equal(TimeSpan.FromSeconds(73), run.Duration(Start.AddDays(1)));
            Assert.Equal(500, run.Summary["charts/episodic_return"]);
            Assert.Equal(41000, run.Summary["charts/SPS"]);
            Assert.True(double.IsNaN(run.Summary["losses/td_loss"]));
            Assert.Equal(Path.Combine(folder.Path, id, "checkpoint"), run.Artifacts["checkpoint"]);
            Assert.Equal("/tmp/outside/video.gif", run.Artifacts["elsewhere"]);

            clock.Advance(TimeSpan.FromSeconds(5));
            reopened.UpdateStatus(id, RunStatus.Running);
            Assert.Null(reopened.Get(id).EndedAt);
            Assert.Null(reopened.Get(id).Message);
            Assert.Equal(TimeSpan.FromSeconds(80), reopened.Get(id).Duration(Start.AddSeconds(80)));
            reopened.UpdateStatus(id, RunStatus.Finished);
            Assert.Equal((RunStatus.Finished, Start.AddSeconds(78)), (reopened.Get(id).Status, reopened.Get(id).EndedAt));
        }

        // The artifact paths are stored relative to the output folder: a moved folder keeps them.
        var moved = folder.Path + "-moved";
        Directory.Move(folder.Path, moved);
        try
        {
            using var registry = RunRegistry.Open(moved);
            Assert.Equal(Path.Combine(moved, id, "checkpoint"), registry.Get(id).Artifacts["checkpoint"]);
        }
        finally
        {
            Directory.Move(moved, folder.Path);
        }
    }

    [Fact]
    public void AnUnknownIdIsNamedWithTheClosestKnownOnes()
    {
        using var folder = new TempDir();
        var clock = new ManualClock(Start);
        using var registry = RunRegistry.Open(folder.Path, clock);
        var empty = Assert.Throws<ArgumentException>(() => registry.Get("cartpole"));
        Assert.Contains("Run 'cartpole' is not in the registry", empty.Message);
        Assert.Contains("no runs yet", empty.Message);

        var a = registry.StartRun("CartPole-v1", "dqn", "{}", 1).Id;
        var b = registry.StartRun("CartPole-v1", "dqn", "{}", 2).Id;
        registry.StartRun("RoboRally-v0", "routing", "{}", 1);
        var typo = Assert.Throws<ArgumentException>(() => registry.Get("cartpole-v1-dqn-20261123-193000-s3"));
        Assert.StartsWith("Run 'cartpole-v1-dqn-20261123-193000-s3' is not in the registry", typo.Message);
        Assert.Contains($"Did you mean: '{a}', '{b}', ", typo.Message);

        var prefix = Assert.Throws<ArgumentException>(() => registry.UpdateStatus("robo", RunStatus.Failed));
        Assert.Contains("Did you mean: 'roborally-v0-routing-20261123-193000-s1'", prefix.Message);
        Assert.Throws<ArgumentException>(() => registry.SetSummary("nope", new Dictionary<string, double> { ["x"] = 1 }));
        Assert.Throws<ArgumentException>(() => registry.AddArtifact("nope", "x", "y"));
        Assert.False(registry.TryGet("nope", out _));
    }

    [Theory]
    [InlineData("{not json", "is not valid JSON")]
    [InlineData("[1, 2]", "must be a JSON object; got a JSON array")]
    public void AConfigThatIsNotAJsonObjectIsRefused(string config, string expected)
    {
        using var folder = new TempDir();
        using var registry = RunRegistry.Open(folder.Path);
        var error = Assert.Throws<ArgumentException>(() => registry.StartRun("CartPole-v1", "dqn", config, 0));
        Assert.Contains(expected, error.Message);
        Assert.Empty(registry.List());
    }

    [Fact]
    public void ConcurrentRegistriesOnOneFolderNeitherCollideNorLoseUpdates()
    {
        using var folder = new TempDir();
        var clock = new ManualClock(Start);
        string shared;
        using (var first = RunRegistry.Open(folder.Path, clock))
        {
            shared = first.StartRun("CartPole-v1", "dqn", "{}", 0).Id;
        }

        const int Writers = 4, Each = 10;
        var ids = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.For(0, Writers, new ParallelOptions { MaxDegreeOfParallelism = Writers }, w =>
        {
            using var registry = RunRegistry.Open(folder.Path, clock);
            for (int i = 0; i < Each; i++)
            {
                ids.Add(registry.StartRun("CartPole-v1", "dqn", "{}", 1).Id);
                registry.SetSummary(shared, new Dictionary<string, double> { [$"w{w}/i{i}"] = w * 100 + i });
            }
        });

        Assert.Equal(Writers * Each, ids.Distinct().Count());
        using var check = RunRegistry.Open(folder.Path);
        Assert.Equal(Writers * Each + 1, check.List().Count);
        var summary = check.Get(shared).Summary;
        Assert.Equal(Writers * Each, summary.Count);
        Assert.Equal(302, summary["w3/i2"]);
    }

    [Fact]
    public void TheDatabaseUsesTheWriteAheadLog()
    {
        using var folder = new TempDir();
        RunRegistry.Open(folder.Path).Dispose();
        Assert.True(RunRegistry.Exists(folder.Path));
        using var raw = new SqliteConnection($"Data Source={Path.Combine(folder.Path, RunRegistry.FileName)};Pooling=False");
        raw.Open();
        using var command = raw.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", command.ExecuteScalar());
    }

    [Fact]
    public void AFileThatIsNotARegistryOrIsFromANewerVersionIsRefusedByPath()
    {
        using var folder = new TempDir();
        var path = Path.Combine(folder.Path, RunRegistry.FileName);
        File.WriteAllText(path, "this is not a database, just some text that is long enough to look like a header page");
        var garbage = Assert.Throws<RegistryDamagedException>(() => RunRegistry.Open(folder.Path));
        Assert.Contains(path, garbage.Message);
        Assert.Contains("is damaged", garbage.Message);

        File.Delete(path);
        using (var raw = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            raw.Open();
            using var command = raw.CreateCommand();
            command.CommandText = "PRAGMA user_version = 9;";
            command.ExecuteNonQuery();
        }

        var newer = Assert.Throws<IOException>(() => RunRegistry.Open(folder.Path));
        Assert.Contains("schema version 9", newer.Message);
    }
}
