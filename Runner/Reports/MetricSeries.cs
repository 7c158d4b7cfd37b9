namespace RlFramework.Runner.Reports;

/// <summary>One metric of a run: its values in logging order, with the env step of each.</summary>
/// <param name="Steps">The env step of each value.</param>
/// <param name="Values">The values.</param>
public sealed record MetricSeries(double[] Steps, double[] Values)
{
    /// <summary>The number of values.</summary>
    public int Count => Values.Length;

    /// <summary>The trailing mean over the last <paramref name="window"/> values at each point (fewer at the start).</summary>
    public MetricSeries Smoothed(int window)
    {
        if (window < 1) throw new ArgumentOutOfRangeException(nameof(window), window, $"A smoothing window must be at least 1 value, got {window}.");
        var smoothed = new double[Count];
        double sum = 0;
        for (int i = 0; i < Count; i++)
        {
            sum += Values[i];
            if (i >= window) sum -= Values[i - window];
            smoothed[i] = sum / Math.Min(i + 1, window);
        }
        return this with { Values = smoothed };
    }

    /// <summary>The value at <paramref name="step"/>, linearly interpolated between the neighbouring points (held constant outside them).</summary>
    public double At(double step)
    {
        if (Count == 0) throw new InvalidOperationException("An empty series has no value at any step.");
        int i = Array.BinarySearch(Steps, step);
        if (i >= 0) return Values[i];
        i = ~i;
        if (i == 0) return Values[0];
        if (i == Count) return Values[^1];
        double f = (step - Steps[i - 1]) / (Steps[i] - Steps[i - 1]);
        return Values[i - 1] + f * (Values[i] - Values[i - 1]);
    }
}
