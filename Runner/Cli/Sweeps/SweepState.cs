namespace RlFramework.Runner.Cli.Sweeps;

/// <summary>A sweep's persistent state (the coordinator grain's storage, PostgreSQL on a cluster): its definition and each trial's record.</summary>
[GenerateSerializer]
public sealed class SweepState
{
    /// <summary>The sweep as submitted, or null before it is.</summary>
    [Id(0)] public SweepDefinition? Definition { get; set; }

    /// <summary>One record per trial, by index.</summary>
    [Id(1)] public List<TrialState> Trials { get; set; } = [];
}
