namespace RlFramework.Runner.Experiments.Asi;

/// <summary>The learning curve of one method on one task from one model seed, and how long it took.</summary>
internal sealed record AsiRunResult(string Task, string Method, int Seed, IReadOnlyList<AsiCurvePoint> Curve, double Seconds);
