namespace RlFramework.Runner.Cli.Sweeps;

/// <summary>What a sweep file defines: the trials and how to rank them.</summary>
/// <param name="Trials">Every trial, in order.</param>
/// <param name="Metric">The metrics.csv tag trials are ranked by (the mean of its last 100 values).</param>
/// <param name="Maximize">Whether a larger metric is better.</param>
public sealed record SweepPlan(IReadOnlyList<SweepTrial> Trials, string Metric, bool Maximize);
