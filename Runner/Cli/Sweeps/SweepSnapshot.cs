namespace RlFramework.Runner.Cli.Sweeps;

/// <summary>A sweep as it stands: its definition and a copy of every trial's record.</summary>
[GenerateSerializer, Immutable]
public sealed record SweepSnapshot
{
    /// <summary>The sweep as submitted.</summary>
    [Id(0)] public required SweepDefinition Definition { get; init; }

    /// <summary>Each trial's record, by index.</summary>
    [Id(1)] public required IReadOnlyList<TrialState> Trials { get; init; }

    /// <summary>Whether every trial has finished or failed.</summary>
    public bool IsComplete => Trials.All(t => t.Status is TrialStatus.Finished or TrialStatus.Failed);

    /// <summary>How many trials have <paramref name="status"/>.</summary>
    public int Count(TrialStatus status) => Trials.Count(t => t.Status == status);

    /// <summary>The best finished trial by the metric, or null when none has a value.</summary>
    public TrialState? Best => Trials.Where(t => t is { Status: TrialStatus.Finished, Metric: not null } && double.IsFinite(t.Metric.Value))
        .OrderBy(t => Definition.Maximize ? -t.Metric!.Value : t.Metric!.Value).ThenBy(t => t.Index).FirstOrDefault();
}
