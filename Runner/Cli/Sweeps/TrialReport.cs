namespace RlFramework.Runner.Cli.Sweeps;

/// <summary>How an attempt ended, as its worker reports it.</summary>
[GenerateSerializer, Immutable]
public sealed record TrialReport
{
    /// <summary>The trial's index.</summary>
    [Id(0)] public required int Index { get; init; }

    /// <summary>The attempt reported on.</summary>
    [Id(1)] public required int Attempt { get; init; }

    /// <summary>Finished: the run trained to its budget. Otherwise it failed (<see cref="Error"/>) or was handed back (<see cref="HandedBack"/>).</summary>
    [Id(2)] public required bool Finished { get; init; }

    /// <summary>The worker stopped before the trial ended; the trial goes back to pending without counting as a failure.</summary>
    [Id(3)] public bool HandedBack { get; init; }

    /// <summary>The ranking metric of a finished run.</summary>
    [Id(4)] public double? Metric { get; init; }

    /// <summary>Why the attempt failed, or why it was handed back when the reason is worth showing (the run was busy).</summary>
    [Id(5)] public string? Error { get; init; }

    /// <summary>The result of a finished trial that is not a training run, as JSON.</summary>
    [Id(6)] public string? ResultJson { get; init; }
}
