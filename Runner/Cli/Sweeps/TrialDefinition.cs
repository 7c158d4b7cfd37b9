namespace RlFramework.Runner.Cli.Sweeps;

/// <summary>A trial as the coordinator stores it: what varies and the run's definition (run.json).</summary>
[GenerateSerializer, Immutable]
public sealed record TrialDefinition
{
    /// <summary>The trial's index in the sweep.</summary>
    [Id(0)] public required int Index { get; init; }

    /// <summary>What varies, e.g. <c>learning_rate=0.001 seed=1</c>.</summary>
    [Id(1)] public required string Label { get; init; }

    /// <summary>The run's definition as JSON (<see cref="Training.RunSpec.ToJson"/>).</summary>
    [Id(2)] public required string SpecJson { get; init; }
}
