using RlFramework.Renders;
using RlFramework.Runner.Experiments.Asi;

namespace RlFramework.Runner.Tests.Experiments;

/// <summary>The ASI accuracy figure drawn from given curves: one panel per task, chance lines where the data gives them.</summary>
public class AsiPlotTests
{
    private static AsiRunResult Run(string task, string method, double slope) =>
        new(task, method, [.. Enumerable.Range(1, 4).Select(i => new AsiCurvePoint(i * 10, i * 5_000L, Math.Min(1, 0.2 + slope * i), 0.5))], 1);

    [Fact]
    public void OnePanelPerTaskWithTheChanceLineWhereGiven()
    {
        IReadOnlyList<AsiRunResult> results = [Run("funnel", "ASI", 0.15), Run("funnel", "Δt=1", 0.05), Run("rooms", "ASI", 0.2), Run("rooms", "Δt=1", 0.1)];
        var both = Png.Decode(AsiPlot.Draw(results, new Dictionary<string, double> { ["funnel"] = 0.3, ["rooms"] = 0.5 }));
        var none = Png.Decode(AsiPlot.Draw(results, new Dictionary<string, double>()));
        Assert.Equal(2 * 560, both.Width);
        // The dashed chance lines are grey (128, 128, 128), as is the legend's shadow: the lines add hundreds of such pixels.
        int Grey(Frame f) => Enumerable.Range(0, f.Height).Sum(y => Enumerable.Range(0, f.Width).Count(x => f.GetPixel(x, y) == new Color(128, 128, 128)));
        Assert.True(Grey(both) - Grey(none) > 300, $"{Grey(both)} grey pixels with chance levels, {Grey(none)} without");
        Assert.Throws<ArgumentException>(() => AsiPlot.Draw([], new Dictionary<string, double>()));
    }
}
