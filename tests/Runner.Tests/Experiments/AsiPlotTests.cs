using RlFramework.Agents.Trainers.Asi;
using RlFramework.Renders;
using RlFramework.Runner.Experiments.Asi;

namespace RlFramework.Runner.Tests.Experiments;

/// <summary>The ASI accuracy figure drawn from given curves: one panel per task, chance lines where the data gives them.</summary>
public class AsiPlotTests
{
    private static AsiRunResult Run(string task, string method, double slope, int seed = 0) =>
        new(task, method, seed, [.. Enumerable.Range(1, 4).Select(i => new AsiCurvePoint(i * 10, i * 5_000L, new AsiEvaluation(Math.Min(1, 0.2 + slope * i), 0, 1), 0.5))], 1);

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

    [Fact]
    public void SeveralSeedsGiveTheMeanAndTheSpreadPerCheckpoint()
    {
        IReadOnlyList<AsiRunResult> results = [Run("rooms", "ASI", 0.1, seed: 0), Run("rooms", "ASI", 0.2, seed: 1), Run("rooms", "ASI", 0.3, seed: 2), Run("rooms", "Δt=1", 0.1)];
        var spreads = AsiSeedSpread.Of(results);
        Assert.Equal([("ASI", 3), ("Δt=1", 1)], spreads.Select(s => (s.Method, s.Seeds)));
        // Checkpoint 1: accuracies 0.3, 0.4, 0.5 → mean 0.4, sample s.d. 0.1, min 0.3, max 0.5; one seed: s.d. 0.
        var first = spreads[0].Points[0];
        Assert.Equal((5_000d, 0.4, 0.1, 0.3, 0.5), (first.ModelEvaluations, Math.Round(first.Mean, 12), Math.Round(first.StandardDeviation, 12), Math.Round(first.Min, 12), Math.Round(first.Max, 12)));
        Assert.Equal(0, spreads[1].Points[0].StandardDeviation);
        Assert.Throws<ArgumentException>(() => AsiSeedSpread.Of([Run("rooms", "ASI", 0.1), new AsiRunResult("rooms", "ASI", 1, [new AsiCurvePoint(1, 10, new AsiEvaluation(0.5, 0, 1), 0.5)], 1)]));
        // The band from the lowest to the highest seed adds translucent pixels the one-seed figure does not have.
        var band = Png.Decode(AsiPlot.Draw(results, new Dictionary<string, double>()));
        var single = Png.Decode(AsiPlot.Draw([results[1], results[3]], new Dictionary<string, double>()));
        int Pale(Frame f) => Enumerable.Range(0, f.Height).Sum(y => Enumerable.Range(0, f.Width).Count(x => f.GetPixel(x, y) is var c && c != new Color(255, 255, 255) && c.R > 200 && c.G > 200 && c.B > 200));
        Assert.True(Pale(band) - Pale(single) > 1000, $"{Pale(band)} pale pixels with the band, {Pale(single)} without");
    }
}
