namespace RlFramework.Runner.Cli.Sweeps;

/// <summary>A sweep as submitted to the coordinator: its trials, where their runs go and how failures and lost workers are handled.</summary>
[GenerateSerializer, Immutable]
public sealed record SweepDefinition
{
    /// <summary>The sweep's id (the coordinator grain's key): a hash of the sweep file and the runs folder, so a restarted <c>rl sweep</c> finds its sweep.</summary>
    [Id(0)] public required string SweepId { get; init; }

    /// <summary>The runs folder (full path) every trial trains into: shared by all workers.</summary>
    [Id(1)] public required string RunsFolder { get; init; }

    /// <summary>The trials, by index.</summary>
    [Id(2)] public required IReadOnlyList<TrialDefinition> Trials { get; init; }

    /// <summary>The metrics.csv tag that ranks the trials.</summary>
    [Id(3)] public required string Metric { get; init; }

    /// <summary>Whether a larger metric is better.</summary>
    [Id(4)] public required bool Maximize { get; init; }

    /// <summary>How many times a failed trial is tried again before it is marked failed.</summary>
    [Id(5)] public required int Retries { get; init; }

    /// <summary>How long a worker may go without renewing a trial's lease before the trial is handed to another worker.</summary>
    [Id(6)] public required TimeSpan Lease { get; init; }
}
