namespace RlFramework.Runner.Cli.Sweeps;

/// <summary>
/// The coordinator of one sweep (keyed by the sweep's id): it hands trials to workers, takes their reports and keeps the
/// sweep's state in grain storage. It only coordinates; trials train on the workers' own threads.
/// </summary>
public interface ISweepGrain : IGrainWithStringKey
{
    /// <summary>Starts the sweep, or keeps it as it stands when it was submitted before (a restarted <c>rl sweep</c> resumes it).</summary>
    Task Submit(SweepDefinition definition);

    /// <summary>
    /// Renews the leases of the trials <paramref name="worker"/> still runs, returns to pending the trials of workers
    /// whose leases ran out, and hands <paramref name="worker"/> up to <paramref name="free"/> pending trials.
    /// </summary>
    Task<IReadOnlyList<TrialAssignment>> Claim(string worker, int free, IReadOnlyList<int> running);

    /// <summary>Records the run id the attempt registered, so a later attempt resumes that run.</summary>
    Task Started(int index, int attempt, string runId);

    /// <summary>Records how an attempt ended; a report of an attempt that is no longer current is ignored.</summary>
    Task Report(TrialReport report);

    /// <summary>The sweep as it stands, or null when nothing was submitted under this id.</summary>
    Task<SweepSnapshot?> Snapshot();
}
