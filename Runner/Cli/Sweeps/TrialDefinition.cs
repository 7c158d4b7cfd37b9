namespace RlFramework.Runner.Cli.Sweeps;

/// <summary>A trial as the coordinator stores it: what varies and the run's definition (run.json), or another kind of work and its input.</summary>
[GenerateSerializer, Immutable]
public sealed record TrialDefinition
{
    /// <summary>The trial's index in the sweep.</summary>
    [Id(0)] public required int Index { get; init; }

    /// <summary>What varies, e.g. <c>learning_rate=0.001 seed=1</c>.</summary>
    [Id(1)] public required string Label { get; init; }

    /// <summary>The run's definition as JSON (<see cref="Training.RunSpec.ToJson"/>), or the input of the trial's <see cref="Kind"/>.</summary>
    [Id(2)] public required string SpecJson { get; init; }

    /// <summary>Null for a training run; else the kind of work (an <see cref="Experiments.IRunKind.Name"/> of <see cref="TrialKinds"/>), whose result comes back as JSON.</summary>
    [Id(3)] public string? Kind { get; init; }
}
