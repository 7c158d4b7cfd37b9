using RlFramework.Renders;

namespace RlFramework.Runner.Tests.Reports;

/// <summary><c>rl plot</c> on run folders written like `rl train`'s, and its bad-input errors.</summary>
[Collection("console")]
public sealed class PlotCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rl-plot-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void OneRunGivesReturnLossAndSpsPanelsWithTheSeriesDrawn()
    {
        string run = SyntheticRun.Create(_dir, "run-a", seed: 1);
        string png = Path.Combine(_dir, "a.png");
        var (exit, output, error) = CliTests.Run("plot", run, "--out", png);
        Assert.True(exit == 0, error);
        Assert.Contains("wrote", output);
        var frame = Frame.LoadPng(png);
        // Return, td_loss (q_values is a statistic, not a loss) and SPS: three 900-wide panels stacked, each at least 380 high.
        Assert.Equal(900, frame.Width);
        Assert.InRange(frame.Height, 3 * 380, 3 * 380 + 200);
        int panel = frame.Height / 3;
        for (int p = 0; p < 3; p++)
            Assert.True(CountNear(frame, Charts0, 0, p * panel + 40, frame.Width, panel / 2) > 200, $"panel {p} has no line in the first series colour");
    }

    [Fact]
    public void SeedsOfOneConfigGetAMeanAndABandAndOverlayingIsDeterministic()
    {
        string a = SyntheticRun.Create(_dir, "run-s1", seed: 1), b = SyntheticRun.Create(_dir, "run-s2", seed: 2);
        string one = Path.Combine(_dir, "one.png"), both = Path.Combine(_dir, "both.png"), again = Path.Combine(_dir, "again.png");
        Assert.Equal(0, CliTests.Run("plot", a, "--out", one).ExitCode);
        Assert.Equal(0, CliTests.Run("plot", a, b, "--out", both).ExitCode);
        Assert.Equal(0, CliTests.Run("plot", a, b, "--out", again).ExitCode);
        Assert.Equal(File.ReadAllBytes(both), File.ReadAllBytes(again));
        // The min–max band is the series colour at 20 % over white: (210, 228, 240) give or take blending.
        var band = new Color(210, 228, 240);
        int inBoth = CountNear(Frame.LoadPng(both), band, 0, 0, 900, 380, tolerance: 12), inOne = CountNear(Frame.LoadPng(one), band, 0, 0, 900, 380, tolerance: 12);
        Assert.True(inBoth > 2_000 && inBoth > 4 * inOne, $"band-coloured pixels: {inBoth} with two seeds, {inOne} with one (only anti-aliased edges)");
    }

    [Fact]
    public void BadInputIsOneErrorLineAndExitCodeTwo()
    {
        string empty = Directory.CreateDirectory(Path.Combine(_dir, "empty")).FullName;
        File.WriteAllText(Path.Combine(empty, "run.json"), new RlFramework.Runner.Training.RunSpec("CartPole-v1", "dqn", null, 0, 1, 1_000, 500).ToJson());
        File.WriteAllText(Path.Combine(empty, "metrics.csv"), "step,tag,value,wall_time\n");
        string broken = Directory.CreateDirectory(Path.Combine(_dir, "broken")).FullName;
        File.WriteAllText(Path.Combine(broken, "metrics.csv"), "step,tag,value,wall_time\n12,charts/SPS,fast,1\n");
        foreach (var (args, expected) in new[]
        {
            (new[] { "plot", "no-such-run", "--runs", _dir }, "no-such-run"),
            (new[] { "plot", empty }, "no metrics yet"),
            (new[] { "plot", broken }, "Line 2"),
            (new[] { "report", "no-such-run", "--runs", _dir }, "no-such-run"),
        })
        {
            var (exit, _, error) = CliTests.Run(args);
            Assert.Equal(2, exit);
            var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Single(lines);
            Assert.StartsWith("error: ", lines[0]);
            Assert.Contains(expected, lines[0]);
        }
    }

    /// <summary>The first series colour (#1f77b4).</summary>
    private static readonly Color Charts0 = Color.FromHex("#1f77b4");

    internal static int CountNear(Frame frame, Color colour, int left, int top, int width, int height, int tolerance = 40)
    {
        int n = 0;
        for (int y = top; y < Math.Min(frame.Height, top + height); y++)
        {
            for (int x = left; x < Math.Min(frame.Width, left + width); x++)
            {
                var c = frame.GetPixel(x, y);
                if (Math.Abs(c.R - colour.R) + Math.Abs(c.G - colour.G) + Math.Abs(c.B - colour.B) <= tolerance) n++;
            }
        }

        return n;
    }
}
