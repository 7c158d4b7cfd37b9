namespace RlFramework.Runner.Experiments.Asi;

/// <summary>
/// One method on one task over its seeds: at each checkpoint the mean training model evaluations, and the mean, sample
/// standard deviation (0 for one seed), minimum and maximum of the accuracy over the seeds.
/// </summary>
internal sealed record AsiSeedSpread(string Task, string Method, int Seeds, IReadOnlyList<AsiSeedSpread.Point> Points)
{
    /// <summary>One checkpoint over the seeds.</summary>
    public sealed record Point(double ModelEvaluations, double Mean, double StandardDeviation, double Min, double Max);

    /// <summary>Groups <paramref name="results"/> by task and method (in their order) and summarises each group's checkpoints.</summary>
    /// <exception cref="ArgumentException">The runs of a group have different numbers of checkpoints.</exception>
    public static IReadOnlyList<AsiSeedSpread> Of(IReadOnlyList<AsiRunResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        return [.. results.GroupBy(r => (r.Task, r.Method)).Select(g => Summarise(g.Key.Task, g.Key.Method, [.. g]))];
    }

    private static AsiSeedSpread Summarise(string task, string method, IReadOnlyList<AsiRunResult> runs)
    {
        int count = runs[0].Curve.Count;
        if (runs.Any(r => r.Curve.Count != count))
            throw new ArgumentException($"The runs of {method} on {task} have {string.Join(", ", runs.Select(r => r.Curve.Count))} checkpoints; expected the same number.");
        var points = Enumerable.Range(0, count).Select(i =>
        {
            var accuracies = runs.Select(r => r.Curve[i].Accuracy).ToArray();
            double mean = accuracies.Average();
            double sd = accuracies.Length > 1 ? Math.Sqrt(accuracies.Sum(a => (a - mean) * (a - mean)) / (accuracies.Length - 1)) : 0;
            return new Point(runs.Average(r => (double)r.Curve[i].ModelEvaluations), mean, sd, accuracies.Min(), accuracies.Max());
        });
        return new AsiSeedSpread(task, method, runs.Count, [.. points]);
    }
}
