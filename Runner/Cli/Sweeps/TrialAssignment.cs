namespace RlFramework.Runner.Cli.Sweeps;

/// <summary>A trial handed to a worker: what to train, where, and as which attempt.</summary>
[GenerateSerializer, Immutable]
public sealed record TrialAssignment
{
    /// <summary>The sweep it belongs to.</summary>
    [Id(0)] public required string SweepId { get; init; }

    /// <summary>The trial's index.</summary>
    [Id(1)] public required int Index { get; init; }

    /// <summary>The attempt's number; the worker's reports carry it.</summary>
    [Id(2)] public required int Attempt { get; init; }

    /// <summary>The run's definition as JSON.</summary>
    [Id(3)] public required string SpecJson { get; init; }

    /// <summary>The runs folder (full path).</summary>
    [Id(4)] public required string RunsFolder { get; init; }

    /// <summary>The run an earlier attempt registered (resume it), or null to start the run.</summary>
    [Id(5)] public string? RunId { get; init; }

    /// <summary>The metrics.csv tag to report as the trial's metric.</summary>
    [Id(6)] public required string Metric { get; init; }

    /// <summary>Null for a training run; else the kind of work <see cref="SpecJson"/> is the input of.</summary>
    [Id(7)] public string? Kind { get; init; }
}
