using RlFramework.Runner.Tests.Logging;

namespace RlFramework.Runner.Tests.Sweeps;

/// <summary><c>rl reproduce roborally --cluster local</c>: the runs as trials of an embedded silo print the in-process table; bad values are one error each.</summary>
[Collection("console")]
public sealed class ReproduceClusterTests : IDisposable
{
    private readonly TempDir _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>The output up to the closing line's wall time (which differs between any two runs).</summary>
    private static string Table(string output) => output[..output.IndexOf("Wall time", StringComparison.Ordinal)];

    [Fact]
    public void TheRunsAsTrialsOfAnEmbeddedSiloPrintTheInProcessTable()
    {
        string config = _folder.File("planning.json");
        File.WriteAllText(config, """{ "max_model_episodes": 200, "planning_steps": 200 }""");
        string[] experiment = ["reproduce", "roborally", "--runs", "3", "--episodes", "200", "--threads", "2", "--config", config, "--seed", "5"];
        var local = CliTests.Run(experiment);
        var silo = CliTests.Run([.. experiment, "--cluster", "local"]);
        Assert.True(local.ExitCode == 0, local.Error);
        Assert.True(silo.ExitCode == 0, silo.Error);
        Assert.Equal(Table(local.Output), Table(silo.Output));
        Assert.Contains("2 runs at once in an embedded silo", silo.Output, StringComparison.Ordinal);
        Assert.Contains("done 6/6  running 0  pending 0  failed 0", silo.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--cluster", "nonsense", "--cluster is not a PostgreSQL connection string")]
    [InlineData("--cluster", "Host=127.0.0.1;Port=1;Database=rl", "cannot reach PostgreSQL at 127.0.0.1:1")]
    [InlineData("--threads", "0", "--threads must be positive; got 0.")]
    public void ABadValueIsOneError(string option, string value, string expected)
    {
        var result = CliTests.Run("reproduce", "roborally", "--runs", "1", option, value);
        Assert.Equal(2, result.ExitCode);
        var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, result.Error);
        Assert.StartsWith("error: " + expected, lines[0], StringComparison.Ordinal);
    }
}
