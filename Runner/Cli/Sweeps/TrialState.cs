namespace RlFramework.Runner.Cli.Sweeps;

/// <summary>The coordinator's record of one trial: status, the run that trains it, where, and its result.</summary>
[GenerateSerializer]
public sealed class TrialState
{
    /// <summary>The trial's index in the sweep.</summary>
    [Id(0)] public int Index { get; set; }

    /// <summary>Where the trial stands.</summary>
    [Id(1)] public TrialStatus Status { get; set; }

    /// <summary>How many times it has been assigned; an assignment's number identifies its reports, so a late report of an earlier one is ignored.</summary>
    [Id(2)] public int Attempt { get; set; }

    /// <summary>How many attempts failed.</summary>
    [Id(3)] public int Failures { get; set; }

    /// <summary>The trial's run id in the registry once its first attempt registered it; later attempts resume this run.</summary>
    [Id(4)] public string? RunId { get; set; }

    /// <summary>The worker that runs (or ran) it.</summary>
    [Id(5)] public string? Worker { get; set; }

    /// <summary>The ranking metric of the finished run (mean of its last 100 values), if it logged any.</summary>
    [Id(6)] public double? Metric { get; set; }

    /// <summary>The last error.</summary>
    [Id(7)] public string? Error { get; set; }

    /// <summary>The result of a finished trial that is not a training run, as JSON.</summary>
    [Id(8)] public string? ResultJson { get; set; }

    /// <summary>A copy, for snapshots handed out of the coordinator.</summary>
    public TrialState Copy() => (TrialState)MemberwiseClone();
}
