namespace RlFramework.Runner.Runs;

/// <summary>Where a run stands; stored in the registry as the lowercase name.</summary>
public enum RunStatus
{
    /// <summary>Started and not ended (or its process died without saying so).</summary>
    Running,

    /// <summary>Reached its step budget or stopping rule.</summary>
    Finished,

    /// <summary>Stopped by an error.</summary>
    Failed,

    /// <summary>Stopped by the user (Ctrl+C); resumable from its last checkpoint.</summary>
    Interrupted,
}
