using Microsoft.Data.Sqlite;
using RlFramework.Runner.Cli;
using RlFramework.Runner.Logging;
using RlFramework.Runner.Runs;
using RlFramework.Runner.Tests.Logging;
using Spectre.Console;

namespace RlFramework.Runner.Tests.Runs;

/// <summary><c>rl runs</c> in-process; console redirection is process-wide, so this shares the "console" collection with the other CLI tests.</summary>
[Collection("console")]
public class RunsCommandTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 19, 30, 0, TimeSpan.Zero);

    private static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        using var capture = new ConsoleCapture();
        int code = RunsCommand.Create().Parse(args).Invoke();
        return (code, capture.Output, capture.Error);
    }

    /// <summary>Three runs: finished with metrics, failed without, and "running" in a process that no longer exists.</summary>
    private static (string Finished, string Failed, string Orphan) Fill(string folder)
    {
        var clock = new ManualClock(Start);
        using var registry = RunRegistry.Open(folder, clock);
        var finished = registry.StartRun("CartPole-v1", "dqn", """{"lr":0.00025,"gamma":0.99}""", 1).Id;
        registry.SetSummary(finished, new Dictionary<string, double> { [MetricTags.EpisodicReturn] = 488.94, [MetricTags.StepsPerSecond] = 41234.4 });
        registry.AddArtifact(finished, "checkpoint", Path.Combine(folder, finished, "checkpoint"));
        clock.Advance(TimeSpan.FromSeconds(3673));
        registry.UpdateStatus(finished, RunStatus.Finished);
        var failed = registry.StartRun("CartPole-v1", "dqn", "{}", 2).Id;
        clock.Advance(TimeSpan.FromSeconds(5));
        registry.UpdateStatus(failed, RunStatus.Failed, "loss became NaN");
        var orphan = registry.StartRun("CartPole-v1", "random", "{}", 3).Id;
        using var raw = new SqliteConnection($"Data Source={registry.DatabasePath};Pooling=False");
        raw.Open();
        using var command = raw.CreateCommand();
        command.CommandText = $"UPDATE runs SET pid = 999999999 WHERE id = '{orphan}';";
        command.ExecuteNonQuery();
        return (finished, failed, orphan);
    }

    [Fact]
    public void PlainOutputListsEveryRunWithStatusDurationAndKeyMetrics()
    {
        using var folder = new TempDir();
        var (finished, failed, orphan) = Fill(folder.Path);
        var (code, output, error) = Run("--out", folder.Path, "--plain");
        Assert.Equal("", error);
        Assert.Equal(0, code);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, lines.Length);
        Assert.Matches(@"^id\s+env\s+agent\s+seed\s+status\s+start \(UTC\)\s+duration\s+return\s+SPS$", lines[0]);
        Assert.Matches($@"^{finished}\s+CartPole-v1\s+dqn\s+1\s+finished\s+2026-11-23 19:30:00\s+1:01:13\s+488.9\s+41234$", lines[1]);
        Assert.Matches($@"^{failed}\s+CartPole-v1\s+dqn\s+2\s+failed\s+2026-11-23 20:31:13\s+0:00:05\s+-\s+-$", lines[2]);
        Assert.Matches($@"^{orphan}\s+CartPole-v1\s+random\s+3\s+running \(process gone\)\s+2026-11-23 20:31:18\s+", lines[3]);
        Assert.Equal("3 runs", lines[4]);
        Assert.Equal(lines[0].IndexOf("status", StringComparison.Ordinal), lines[1].IndexOf("finished", StringComparison.Ordinal));
    }

    [Fact]
    public void TheDrawnTableHasTheSameCells()
    {
        using var folder = new TempDir();
        var (finished, _, _) = Fill(folder.Path);
        using var registry = RunRegistry.Open(folder.Path);
        var text = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(text), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
        console.Profile.Width = 250;
        console.Write(RunsCommand.BuildTable(registry.List(), Start.AddDays(1)));
        Assert.Contains(finished, text.ToString());
        Assert.Contains("1:01:13", text.ToString());
        Assert.Contains("running (process gone)", text.ToString());
        Assert.Contains("3 runs", text.ToString());
    }

    [Fact]
    public void OneRunIsShownInFull()
    {
        using var folder = new TempDir();
        var (finished, _, _) = Fill(folder.Path);
        var (code, output, _) = Run(finished, "--out", folder.Path);
        Assert.Equal(0, code);
        Assert.Contains($"id        {finished}", output);
        Assert.Contains("status    finished", output);
        Assert.Contains("charts/episodic_return = 488.94", output);
        Assert.Contains($"checkpoint: {Path.Combine(folder.Path, finished, "checkpoint")}", output);
        Assert.Contains("\"gamma\": 0.99", output);
    }

    [Fact]
    public void UnknownRunsMissingRegistriesAndFilesGetOneClearLine()
    {
        using var folder = new TempDir();
        var empty = Run("--out", folder.File("nothing-here"));
        Assert.Equal(0, empty.ExitCode);
        Assert.Contains("No runs in", empty.Output);
        Assert.False(Directory.Exists(folder.File("nothing-here")));

        var (finished, _, _) = Fill(folder.Path);
        var typo = Run(finished[..^1] + "9", "--out", folder.Path);
        Assert.Equal(2, typo.ExitCode);
        Assert.StartsWith($"error: Run '{finished[..^1]}9' is not in the registry", typo.Error);
        Assert.Contains($"Did you mean: '{finished}'", typo.Error);

        File.WriteAllText(folder.File("a-file"), "x");
        var file = Run("--out", folder.File("a-file"));
        Assert.Equal(2, file.ExitCode);
        Assert.Contains("is a file; expected the output folder", file.Error);
    }
}
