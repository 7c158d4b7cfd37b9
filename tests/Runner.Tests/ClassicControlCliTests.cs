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
}
