namespace RlFramework.Runner.Tests;

/// <summary>The classic-control envs from the command line: listed, checked, rendered, and refused by Discrete-action agents.</summary>
[Collection("console")]
public sealed class ClassicControlCliTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "rl-classic-cli-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void EnvsListsTheClassicControlIds()
    {
        var (exit, output, _) = CliTests.Run("envs");
        Assert.Equal(0, exit);
        foreach (var id in new[] { "MountainCar-v0", "MountainCarContinuous-v0", "Acrobot-v1", "Pendulum-v1" })
            Assert.Contains(id, output);
    }

    [Theory]
    [InlineData("MountainCar-v0")]
    [InlineData("MountainCarContinuous-v0")]
    [InlineData("Acrobot-v1")]
    [InlineData("Pendulum-v1")]
    public void CheckEnvPasses(string id)
    {
        var (exit, output, error) = CliTests.Run("check-env", id);
        Assert.True(exit == 0, output + error);
        Assert.Contains($"{id}: ", output);
        Assert.Contains(" 0 failed", output);
    }

    [Theory]
    [InlineData("Pendulum-v1", "Box(-2.0, 2.0, (1,), float32)")]
    [InlineData("MountainCarContinuous-v0", "Box(-1.0, 1.0, (1,), float32)")]
    public void TrainingDqnOnAContinuousActionEnvIsOneClearError(string id, string space)
    {
        var (exit, _, error) = CliTests.Run("train", "--agent", "dqn", "--env", id, "--steps", "100", "--out", _folder);
        Assert.Equal(2, exit);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line);
        Assert.Contains(id, line);
        Assert.Contains(space, line);
        Assert.Contains("Discrete", line);
    }

    [Theory]
    [InlineData("MountainCar-v0", 600, 400)]
    [InlineData("Acrobot-v1", 500, 500)]
    [InlineData("Pendulum-v1", 500, 500)]
    public void RenderWritesGymnasiumsPictureSize(string id, int width, int height)
    {
        Directory.CreateDirectory(_folder);
        string path = Path.Combine(_folder, id + ".png");
        var (exit, output, error) = CliTests.Run("render", "--env", id, "--seed", "0", "--out", path);
        Assert.True(exit == 0, output + error);
        var frame = Renders.Frame.LoadPng(path);
        Assert.Equal((width, height), (frame.Width, frame.Height));
    }

    [Fact]
    public void BenchClassicMeasuresEveryEnvAndDividesByThePeersFigure()
    {
        Directory.CreateDirectory(_folder);
        string peer = Path.Combine(_folder, "gymnasium.json");
        File.WriteAllText(peer, """{"gymnasium": "1.4.0", "CartPole-v1": {"raw": {"steps": 1000, "wall": 2.0, "cpu": 1.0}}}""");
        var (exit, output, error) = CliTests.Run("bench", "classic", "--steps", "2000", "--peer", peer);
        Assert.True(exit == 0, output + error);
        string[] Cells(string workload) =>
            output.Split('\n').Single(line => line.Contains($" {workload} ")).Split('│', StringSplitOptions.TrimEntries);
        foreach (var id in new[] { "CartPole-v1", "MountainCar-v0", "MountainCarContinuous-v0", "Acrobot-v1", "Pendulum-v1" })
        {
            Assert.Equal("-", Cells($"{id} via Gym.Make")[5]);
            if (id != "CartPole-v1") Assert.Equal("-", Cells($"{id} raw")[5]);
        }
        var cartPole = Cells("CartPole-v1 raw");
        double cpuRate = double.Parse(cartPole[3], System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(cpuRate / 1000, double.Parse(cartPole[5], System.Globalization.CultureInfo.InvariantCulture), 0.11); // our steps per CPU second over the peer's 1,000
    }

    [Fact]
    public void BenchClassicRefusesBadStepsAndAMissingPeerFile()
    {
        var steps = CliTests.Run("bench", "classic", "--steps", "0");
        Assert.Equal(2, steps.ExitCode);
        Assert.Equal("error: --steps must be at least 1, got 0.", steps.Error.TrimEnd());
        var peer = CliTests.Run("bench", "classic", "--steps", "10", "--peer", Path.Combine(_folder, "missing.json"));
        Assert.Equal(2, peer.ExitCode);
        Assert.Contains("gymnasium_steps.py", peer.Error);
    }
}
