namespace RlFramework.Runner.Cli.Sweeps;

/// <summary>The cluster's list of unfinished sweeps (one grain, key 0): where workers look for trials.</summary>
public interface ISweepBoardGrain : IGrainWithIntegerKey
{
    /// <summary>Lists the sweep until it completes.</summary>
    Task Add(string sweepId);

    /// <summary>Drops a completed sweep.</summary>
    Task Remove(string sweepId);

    /// <summary>The unfinished sweeps, oldest first.</summary>
    Task<IReadOnlyList<string>> Active();
}
