using System.Text.Json;
using System.Text.RegularExpressions;
using RlFramework.Runner.Cli.Sweeps;
using RlFramework.Runner.Experiments.Routing;
using RlFramework.Runner.Tests.Logging;

namespace RlFramework.Runner.Tests.Sweeps;

/// <summary>
/// The reproductions besides roborally with <c>--cluster local</c>: tiny configurations run in this process and as the
/// trials of an embedded silo give the same tables (wall times aside), plots and logs; a bad <c>--cluster</c> is one error each.
/// </summary>
[Collection("console")]
public sealed partial class ReproductionsOnClusterTests : IDisposable
{
    private readonly TempDir _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>Wall times (<c>12 s</c>, <c>0.4 min</c>), which differ between any two runs.</summary>
    [GeneratedRegex(@"\d+(\.\d+)? (s|min)\b")]
    private static partial Regex WallTime();

    /// <summary>The output from its first table up to the line that starts with <paramref name="end"/>, wall times blanked.</summary>
    private static string Tables(string output, string end)
    {
        int start = output.IndexOf('┌', StringComparison.Ordinal);
        Assert.True(start >= 0, output);
        int stop = output.IndexOf("\n" + end, start, StringComparison.Ordinal);
        Assert.True(stop > start, output);
        return WallTime().Replace(output[start..stop], "_");
    }

    /// <summary>Runs <paramref name="args"/> in this process and with <c>--cluster local</c>; returns both outputs after checking both succeeded and the silo ran every trial.</summary>
    private static (string Local, string Silo) BothWays(int trials, params string[] args)
    {
        var local = CliTests.Run(args);
        var silo = CliTests.Run([.. args, "--cluster", "local"]);
        Assert.True(local.ExitCode == 0, local.Error);
        Assert.True(silo.ExitCode == 0, silo.Error);
        Assert.Contains($"done {trials}/{trials}  running 0  pending 0  failed 0", silo.Error, StringComparison.Ordinal);
        Assert.Contains("2 runs at once in an embedded silo", silo.Output, StringComparison.Ordinal);
        return (local.Output, silo.Output);
    }

    [Fact]
    public void EPropTcaPrintsTheInProcessTable()
    {
        var (local, silo) = BothWays(5, "reproduce", "eprop-tca", "--seeds", "1", "--iterations", "5", "--delay", "3", "--parallel", "2");
        Assert.Equal(Tables(local, "Task:"), Tables(silo, "Task:"));
    }

    [Fact]
    public void EPropDrqnPrintsTheInProcessTableAndRankTests()
    {
        string config = _folder.File("drqn.json");
        File.WriteAllText(config, """{ "random_episodes": 2, "batch_size": 4, "hidden_size": 8, "window_length": 4, "train_frequency": 2 }""");
        var (local, silo) = BothWays(6, "reproduce", "eprop-drqn", "--seeds", "2", "--episodes", "4", "--envs", "CartPole-v0", "--variants", "bptt", "eprop", "eprop-scaled",
            "--config", config, "--skip-memory", "--parallel", "2");
        string tables = Tables(local, "Wall time:");
        Assert.Contains("Mann–Whitney U", tables, StringComparison.Ordinal);
        Assert.Equal(tables, Tables(silo, "Wall time:"));
    }

    [Fact]
    public void AsiPrintsTheInProcessTablesAndDrawsTheSamePlot()
    {
        string[] args = ["reproduce", "asi", "--task", "rooms", "--methods", "asi,dt1", "--seeds", "2", "--kernels", "2", "--horizon", "5", "--evaluations", "12",
            "--exploration-steps", "2", "--batch", "1", "--train-trajectories", "2", "--val-trajectories", "1", "--checkpoints", "2", "--parallel", "2"];
        var local = CliTests.Run([.. args, "--plot", _folder.File("local.png")]);
        var silo = CliTests.Run([.. args, "--plot", _folder.File("silo.png"), "--cluster", "local"]);
        Assert.True(local.ExitCode == 0, local.Error);
        Assert.True(silo.ExitCode == 0, silo.Error);
        Assert.Contains("done 4/4  running 0  pending 0  failed 0", silo.Error, StringComparison.Ordinal);
        Assert.Equal(Tables(local.Output, "wrote "), Tables(silo.Output, "wrote "));
        Assert.Equal(File.ReadAllBytes(_folder.File("local.png")), File.ReadAllBytes(_folder.File("silo.png")));
    }

    [Fact]
    public void RoutingGivesTheInProcessTablesAndLog()
    {
        var settings = RoutingReproductionSettings.Smoke with { Threads = 2 };
        var local = RoutingReproduction.Run(settings, "1234", _folder.File("local"), TextWriter.Null);
        RoutingReport silo;
        using (var runs = ClusterRuns.Open(SweepHosts.Local, 2, TextWriter.Null))
            silo = RoutingReproduction.Run(settings, "1234", _folder.File("silo"), TextWriter.Null, runs);
        Assert.Equal(Json(local), Json(silo));
        Assert.Equal(Metrics("local"), Metrics("silo"));
    }

    /// <summary>The tables as JSON, the wall times (per table and per run) left out.</summary>
    private static string Json(RoutingReport report) => JsonSerializer.Serialize(report with
    {
        Classification = [.. report.Classification!.Select(r => r with { Seconds = 0 })],
        Ablations = [.. report.Ablations!.Select(r => r with { Seconds = 0 })],
        WallTimes = [],
    });

    /// <summary>The metrics.csv of <paramref name="folder"/> without its wall-time column.</summary>
    private string[] Metrics(string folder)
    {
        var lines = File.ReadAllLines(Path.Combine(_folder.File(folder), "metrics.csv"));
        Assert.True(lines.Length > 100, $"{folder}: {lines.Length} lines");
        return [.. lines.Select(l => l[..l.LastIndexOf(',')])];
    }

    [Theory]
    [InlineData("asi")]
    [InlineData("routing")]
    [InlineData("eprop-drqn")]
    [InlineData("eprop-tca")]
    public void ANonsenseClusterIsOneError(string experiment)
    {
        var result = CliTests.Run("reproduce", experiment, "--cluster", "nonsense");
        Assert.Equal(2, result.ExitCode);
        var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, result.Error);
        Assert.StartsWith("error: --cluster is not a PostgreSQL connection string", lines[0], StringComparison.Ordinal);
        Assert.Empty(result.Output);
    }
}
