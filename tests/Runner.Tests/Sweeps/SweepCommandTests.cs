using RlFramework.Runner.Cli.Sweeps;
using RlFramework.Runner.Runs;
using RlFramework.Runner.Tests.Logging;

namespace RlFramework.Runner.Tests.Sweeps;

/// <summary><c>rl sweep</c> and <c>rl worker</c> in-process: the embedded silo, failing trials, and one <c>error:</c> line per bad input.</summary>
[Collection("console")]
public sealed class SweepCommandTests : IDisposable
{
    private readonly TempDir _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Write(string name, string text)
    {
        File.WriteAllText(_folder.File(name), text);
        return _folder.File(name);
    }

    private static void AssertOneError(int expectedCode, (int ExitCode, string Output, string Error) result, string expectedStart)
    {
        Assert.Equal(expectedCode, result.ExitCode);
        var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, result.Error);
        Assert.StartsWith("error: " + expectedStart, lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public void TheEmbeddedSiloRunsEveryTrialAndAFailingOneDoesNotStopTheSweep()
    {
        // a buffer too large to allocate passes the file's checks and fails when the trial builds its agent
        string sweep = Write("sweep.json", """
            { "command": { "agent": "dqn", "env": "CartPole-v1", "steps": 600, "checkpoint_every": 300, "config": { "learning_starts": 100 } },
              "grid": { "buffer_size": [500, 2000000000] }, "seeds": [0, 1] }
            """);
        string runs = _folder.File("runs");
        var result = CliTests.Run("sweep", sweep, "--out", runs, "--slots", "2", "--retries", "1");
        Assert.True(result.ExitCode == Cli.SweepCommand.TrialsFailed, result.Output + result.Error);
        Assert.Contains("done 2/4  running 0  pending 0  failed 2", result.Output, StringComparison.Ordinal);
        Assert.Contains("too large", result.Output, StringComparison.Ordinal);
        using var registry = RunRegistry.Open(runs);
        var finished = registry.List().Where(r => r.Status == RunStatus.Finished).ToList();
        Assert.Equal([0L, 1L], finished.Select(r => r.Seed).Order());
        var definition = SweepCoordinator.Define(SweepFile.Read(sweep), runs, 1, TimeSpan.FromSeconds(10));
        Assert.Contains(definition.SweepId, result.Output, StringComparison.Ordinal);
        Assert.Contains($"wrote {SweepPlot.PathOf(definition)}", result.Output, StringComparison.Ordinal);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, File.ReadAllBytes(SweepPlot.PathOf(definition))[..4]);
        Assert.Equal(2, result.Output.Split('\n').Count(line => line.Contains("failed", StringComparison.Ordinal) && line.Contains("│ 2        │", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("learning_rate=0.001 seed=1", "learning_rate=0.001")]
    [InlineData("learning_rate=0.001 buffer_size=500 seed=12", "learning_rate=0.001 buffer_size=500")]
    [InlineData("seed=3", null)]
    public void ThePlotNamesAConfigByItsVariedFieldsWithoutTheSeed(string label, string? config) => Assert.Equal(config, SweepPlot.ConfigOf(label));

    [Fact]
    public void AnUnknownFieldInTheSweepFileIsOneError()
    {
        string sweep = Write("sweep.json", """{ "command": { "agent": "dqn", "env": "CartPole-v1", "steps": 600, "checkpoints": 5 } }""");
        AssertOneError(2, CliTests.Run("sweep", sweep, "--out", _folder.File("runs")), "sweep.json: $.command.checkpoints is not a known field (did you mean checkpoint_every?)");
        Assert.False(Directory.Exists(_folder.File("runs")));
    }

    [Theory]
    [InlineData("sweep")]
    [InlineData("worker")]
    public void AWrongConnectionStringIsOneError(string command)
    {
        string sweep = Write("sweep.json", """{ "command": { "agent": "random", "env": "CartPole-v1", "steps": 100 } }""");
        string[] args = command == "sweep" ? ["sweep", sweep, "--cluster", "Hots=127.0.0.1;Database=rl"] : ["worker", "--cluster", "Hots=127.0.0.1;Database=rl"];
        AssertOneError(2, CliTests.Run(args), "--cluster is not a PostgreSQL connection string");
    }

    [Theory]
    [InlineData("sweep")]
    [InlineData("worker")]
    public void AnUnreachableDatabaseIsOneError(string command)
    {
        string sweep = Write("sweep.json", """{ "command": { "agent": "random", "env": "CartPole-v1", "steps": 100 } }""");
        string connection = $"Host=127.0.0.1;Port={SweepHosts.FreePort()};Database=rl;Username=rl;Timeout=3";
        string[] args = command == "sweep" ? ["sweep", sweep, "--cluster", connection] : ["worker", "--cluster", connection];
        AssertOneError(2, CliTests.Run(args), "cannot reach PostgreSQL at 127.0.0.1:");
    }
}
