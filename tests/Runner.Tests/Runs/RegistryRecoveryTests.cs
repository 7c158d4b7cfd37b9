using System.Text.Json;
using RlFramework.Runner.Cli;
using RlFramework.Runner.Logging;
using RlFramework.Runner.Runs;
using RlFramework.Runner.Tests.Logging;

namespace RlFramework.Runner.Tests.Runs;

/// <summary>Issue 19 item 8: a damaged registry.db is never replaced silently, and <c>rl runs --rebuild</c> recovers it from the run folders.</summary>
[Collection("console")]
public class RegistryRecoveryTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 19, 30, 0, TimeSpan.Zero);

    private static string Database(string folder) => Path.Combine(folder, RunRegistry.FileName);

    /// <summary>A run folder as `rl train` leaves it: run.json, checkpoints up to <paramref name="checkpointSteps"/>, metrics.csv.</summary>
    /// <remarks>A negative <paramref name="totalSteps"/> is a budget of that many episodes instead (TotalSteps null).</remarks>
    private static void WriteRunFolder(string folder, string id, long seed, long totalSteps, long[] checkpointSteps, double[] returns)
    {
        var runFolder = Directory.CreateDirectory(Path.Combine(folder, id)).FullName;
        File.WriteAllText(Path.Combine(runFolder, "run.json"), JsonSerializer.Serialize(new
        {
            EnvId = "CartPole-v1",
            Agent = "dqn",
            AgentConfig = (string?)null,
            Seed = seed,
            NumEnvs = 1,
            TotalSteps = totalSteps < 0 ? (long?)null : totalSteps,
            CheckpointEvery = 1000,
            TotalEpisodes = totalSteps < 0 ? -totalSteps : (long?)null,
        }));
        var store = new CheckpointStore(Path.Combine(runFolder, "checkpoints"));
        foreach (long step in checkpointSteps)
        {
            store.Save(step, f => File.WriteAllText(Path.Combine(f, "loop.json"), $"{{\"step\":{step}}}"));
        }

        var rows = returns.Select((r, i) => FormattableString.Invariant($"{(i + 1) * 100},{MetricTags.EpisodicReturn},{r},1764000000.5"));
        File.WriteAllLines(Path.Combine(runFolder, CsvMetricsSink.DefaultFileName), rows.Prepend(CsvMetricsSink.Header));
    }

    /// <summary>Three registered runs with folders (finished, interrupted, never checkpointed), one folder with a broken run.json.</summary>
    private static (string Finished, string Interrupted, string Failed) Fill(string folder)
    {
        var clock = new ManualClock(Start);
        using var registry = RunRegistry.Open(folder, clock);
        var finished = registry.StartRun("CartPole-v1", "dqn", "{}", 1).Id;
        clock.Advance(TimeSpan.FromMinutes(5));
        var interrupted = registry.StartRun("CartPole-v1", "dqn", "{}", 2).Id;
        clock.Advance(TimeSpan.FromMinutes(5));
        var failed = registry.StartRun("CartPole-v1", "dqn", "{}", 3).Id;
        WriteRunFolder(folder, finished, 1, 2000, [1000, 2000], [10, 20, 30]);
        WriteRunFolder(folder, interrupted, 2, 5000, [1000], [12, 14, 99]);
        WriteRunFolder(folder, failed, 3, 5000, [], [9]);
        Directory.CreateDirectory(Path.Combine(folder, "broken-run"));
        File.WriteAllText(Path.Combine(folder, "broken-run", "run.json"), "{\"EnvId\": \"CartPole");
        Directory.CreateDirectory(Path.Combine(folder, "not-a-run"));
        return (finished, interrupted, failed);
    }

    [Fact]
    public void AnEmptyRegistryFileIsRefusedAndLeftAsItIs()
    {
        using var folder = new TempDir();
        Fill(folder.Path);
        File.WriteAllBytes(Database(folder.Path), []);
        var error = Assert.Throws<RegistryDamagedException>(() => RunRegistry.Open(folder.Path));
        Assert.Contains($"'{Database(folder.Path)}' is damaged: it is empty (0 bytes)", error.Message);
        Assert.Contains($"`rl runs --rebuild --out {folder.Path}`", error.Message);
        Assert.Equal(0, new FileInfo(Database(folder.Path)).Length);
    }

    [Fact]
    public void AFileThatIsNotADatabaseIsRefused()
    {
        using var folder = new TempDir();
        File.WriteAllText(Database(folder.Path), new string('x', 5000));
        var error = Assert.Throws<RegistryDamagedException>(() => RunRegistry.Open(folder.Path));
        Assert.Contains("rl runs --rebuild", error.Message);
        Assert.Equal(new string('x', 5000), File.ReadAllText(Database(folder.Path)));
    }

    [Fact]
    public void ADamagedPageIsRefused()
    {
        using var folder = new TempDir();
        Fill(folder.Path);
        using (var stream = new FileStream(Database(folder.Path), FileMode.Open, FileAccess.ReadWrite))
        {
            Assert.True(stream.Length >= 8192, $"the registry has {stream.Length} bytes; expected at least two pages");
            stream.Position = 4096; // page 2: the runs table
            stream.Write(Enumerable.Repeat((byte)0xA5, 200).ToArray());
        }

        var error = Assert.Throws<RegistryDamagedException>(() => RunRegistry.Open(folder.Path));
        Assert.Contains("rl runs --rebuild", error.Message);
    }

    [Fact]
    public void ManyProcessesOpeningANewFolderAtOnceAllGetTheSameRegistry()
    {
        for (int round = 0; round < 10; round++)
        {
            using var folder = new TempDir();
            var ids = new string[8];
            Parallel.For(0, ids.Length, new ParallelOptions { MaxDegreeOfParallelism = ids.Length }, i =>
            {
                using var registry = RunRegistry.Open(folder.Path);
                ids[i] = registry.StartRun("CartPole-v1", "dqn", "{}", i).Id;
            });
            using var opened = RunRegistry.Open(folder.Path);
            Assert.Equal(ids.Order(StringComparer.Ordinal), opened.List().Select(r => r.Id).Order(StringComparer.Ordinal));
            Assert.DoesNotContain(Directory.GetFiles(folder.Path), f => f.EndsWith(".tmp", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void RebuildRecoversEveryRunFromItsFolderAndKeepsTheDamagedFileAside()
    {
        using var folder = new TempDir();
        var (finished, interrupted, failed) = Fill(folder.Path);
        File.WriteAllBytes(Database(folder.Path), []);

        var rebuilt = RunRegistry.Rebuild(folder.Path, new ManualClock(Start.AddDays(1)));
        Assert.Equal(Database(folder.Path) + ".before-rebuild-20261124-193000", rebuilt.KeptAside);
        Assert.Equal(0, new FileInfo(rebuilt.KeptAside!).Length);
        Assert.Contains(rebuilt.Skipped, s => s.StartsWith(Path.Combine(folder.Path, "broken-run") + ":", StringComparison.Ordinal) && s.Contains("not valid JSON", StringComparison.Ordinal));
        Assert.Single(rebuilt.Skipped);

        using var registry = RunRegistry.Open(folder.Path);
        var runs = registry.List();
        Assert.Equal([finished, interrupted, failed], runs.Select(r => r.Id));
        Assert.Equal([Start, Start.AddMinutes(5), Start.AddMinutes(10)], runs.Select(r => r.StartedAt));
        Assert.Equal([RunStatus.Finished, RunStatus.Interrupted, RunStatus.Failed], runs.Select(r => r.Status));
        Assert.Equal([1L, 2L, 3L], runs.Select(r => r.Seed));
        Assert.All(runs, r => Assert.Equal(("CartPole-v1", "dqn"), (r.Env, r.Agent)));
        Assert.Equal(2000, runs[0].Summary["steps"]);
        Assert.Equal(20, runs[0].Summary[MetricTags.EpisodicReturn]);
        Assert.Equal(3, runs[0].Summary["episodes"]);
        Assert.Equal(Path.Combine(folder.Path, finished, "checkpoints", "step-000000002000"), runs[0].Artifacts["checkpoint"]);
        Assert.Contains("resumable from the checkpoint at step 1000", runs[1].Message);
        Assert.Contains("no checkpoint that verifies", runs[2].Message);
        Assert.False(runs[2].Artifacts.ContainsKey("checkpoint"));
        using var config = JsonDocument.Parse(runs[1].Config);
        Assert.Equal(5000, config.RootElement.GetProperty("TotalSteps").GetInt64());
    }

    [Theory]
    [InlineData(3, RunStatus.Finished)]
    [InlineData(4, RunStatus.Interrupted)]
    public void ARunWithAnEpisodeBudgetIsFinishedWhenItsCheckpointHasThemAll(long episodes, RunStatus expected)
    {
        using var folder = new TempDir();
        WriteRunFolder(folder.Path, "cartpole-v1-dqn-20261123-193000-s7", 7, -episodes, [1000], [10, 20, 30]);
        var rebuilt = RunRegistry.Rebuild(folder.Path);
        Assert.Equal(expected, Assert.Single(rebuilt.Runs).Status);
    }

    [Fact]
    public void RebuildWithoutARegistryFileCreatesOne()
    {
        using var folder = new TempDir();
        Fill(folder.Path);
        File.Delete(Database(folder.Path));
        var rebuilt = RunRegistry.Rebuild(folder.Path);
        Assert.Null(rebuilt.KeptAside);
        Assert.Equal(3, rebuilt.Runs.Count);
        using var registry = RunRegistry.Open(folder.Path);
        Assert.Equal(3, registry.List().Count);
    }

    [Fact]
    public void TheCliSaysWhatToDoAndRebuildsOnRequest()
    {
        using var folder = new TempDir();
        var (finished, interrupted, failed) = Fill(folder.Path);
        File.WriteAllBytes(Database(folder.Path), []);

        var (code, output, error) = Run("--out", folder.Path, "--plain");
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.StartsWith($"error: The run registry '{Database(folder.Path)}' is damaged: it is empty (0 bytes).", error);
        Assert.Contains("rl runs --rebuild", error);

        (code, output, error) = Run("--out", folder.Path, "--plain", "--rebuild");
        Assert.Equal("", error);
        Assert.Equal(0, code);
        Assert.Contains($"rebuilt {Database(folder.Path)} from 3 run folders (1 finished, 1 failed, 1 interrupted)", output);
        Assert.Contains($"the previous registry file is kept as {Database(folder.Path)}.before-rebuild-", output);
        Assert.Contains($"skipped {Path.Combine(folder.Path, "broken-run")}:", output);
        Assert.Matches($@"\n{finished}\s+CartPole-v1\s+dqn\s+1\s+finished\s", output);
        Assert.Matches($@"\n{interrupted}\s+CartPole-v1\s+dqn\s+2\s+interrupted\s", output);
        Assert.Matches($@"\n{failed}\s+CartPole-v1\s+dqn\s+3\s+failed\s", output);
    }

    private static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        using var capture = new ConsoleCapture();
        int code = RunsCommand.Create().Parse(args).Invoke();
        return (code, capture.Output, capture.Error);
    }
}
