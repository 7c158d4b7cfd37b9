namespace RlFramework.Runner.Cli.Sweeps;

/// <summary>Where a sweep's trial stands.</summary>
public enum TrialStatus
{
    /// <summary>Waiting for a free slot on a worker (new, or handed back by a worker that stopped or vanished).</summary>
    Pending,

    /// <summary>Assigned to a worker, which renews its lease while the trial trains.</summary>
    Running,

    /// <summary>Trained to its budget; its run is finished in the registry.</summary>
    Finished,

    /// <summary>Failed on every attempt (its error is kept).</summary>
    Failed,
}
