namespace RlFramework.Runner.Experiments.Asi;

/// <summary>The learning curve of one method on one task, and how long it took.</summary>
internal sealed record AsiRunResult(string Task, string Method, IReadOnlyList<AsiCurvePoint> Curve, double Seconds)
{
    /// <summary>Accuracy of the last evaluation within <paramref name="modelEvaluations"/> training forward passes, or null if none.</summary>
    public double? AccuracyWithin(long modelEvaluations) => Curve.LastOrDefault(p => p.ModelEvaluations <= modelEvaluations)?.Accuracy;
}
