using System.Security.Cryptography;
using System.Text;

namespace RlFramework.Runner.Cli.Sweeps;

/// <summary>The submitting side of a sweep: turns a plan into a definition, submits it and follows it to the end.</summary>
public static class SweepCoordinator
{
    /// <summary>
    /// The definition of <paramref name="plan"/> training into <paramref name="runsFolder"/>. Its id is a hash of the
    /// trials and the folder: the same sweep file and folder give the same id, so a restarted <c>rl sweep</c> finds the
    /// sweep where it stands.
    /// </summary>
    public static SweepDefinition Define(SweepPlan plan, string runsFolder, int retries, TimeSpan lease)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var trials = plan.Trials.Select(t => new TrialDefinition { Index = t.Index, Label = t.Label, SpecJson = t.Spec.ToJson() }).ToList();
        return Define(trials, plan.Metric, plan.Maximize, runsFolder, retries, lease);
    }

    /// <summary>
    /// The definition of <paramref name="trials"/> (numbered 0, 1, ... in order), ranked by <paramref name="metric"/>,
    /// with an id hashed from the trials and <paramref name="runsFolder"/> as above.
    /// </summary>
    public static SweepDefinition Define(IReadOnlyList<TrialDefinition> trials, string metric, bool maximize, string runsFolder, int retries, TimeSpan lease)
    {
        ArgumentNullException.ThrowIfNull(trials);
        ArgumentOutOfRangeException.ThrowIfNegative(retries);
        if (lease <= TimeSpan.Zero) throw new ArgumentException($"The lease must be positive; got {lease.TotalSeconds} s.");
        if (trials.Where((t, i) => t.Index != i).FirstOrDefault() is { } misplaced)
            throw new ArgumentException($"Trial {misplaced.Index} is not numbered by its place in the sweep.", nameof(trials));
        string folder = Path.GetFullPath(runsFolder);
        var identity = new StringBuilder(folder).Append('\n').Append(metric);
        foreach (var trial in trials) identity.Append('\n').Append(trial.Label).Append('\n').Append(trial.Kind).Append('\n').Append(trial.SpecJson);
        string hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity.ToString())))[..12];
        return new SweepDefinition
        {
            SweepId = $"sweep-{hash}",
            RunsFolder = folder,
            Trials = trials,
            Metric = metric,
            Maximize = maximize,
            Retries = retries,
            Lease = lease,
        };
    }

    /// <summary>Submits <paramref name="definition"/> (or finds it submitted) and polls it until every trial has finished or failed.</summary>
    /// <param name="grains">Reaches the coordinator grain.</param>
    /// <param name="definition">The sweep.</param>
    /// <param name="progress">Receives each snapshot.</param>
    /// <param name="pollInterval">Time between snapshots.</param>
    /// <param name="cancellation">Stops following (the sweep itself goes on on a cluster).</param>
    public static async Task<SweepSnapshot> RunAsync(IGrainFactory grains, SweepDefinition definition, Action<SweepSnapshot> progress,
        TimeSpan pollInterval, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(progress);
        var sweep = grains.GetGrain<ISweepGrain>(definition.SweepId);
        while (!await TrySubmit(sweep, definition)) await Task.Delay(pollInterval, cancellation);
        while (true)
        {
            if (await TrySnapshot(sweep) is { } snapshot)
            {
                progress(snapshot);
                if (snapshot.IsComplete) return snapshot;
            }
            await Task.Delay(pollInterval, cancellation);
        }
    }

    /// <summary>
    /// Hands the sweep to its coordinator grain; false while the grain cannot answer (as in <see cref="TrySnapshot"/>:
    /// a restarted <c>rl sweep</c> may find the grain still registered on a silo that was killed).
    /// </summary>
    private static async Task<bool> TrySubmit(ISweepGrain sweep, SweepDefinition definition)
    {
        try
        {
            await sweep.Submit(definition);
            return true;
        }
        catch (Exception e) when (GrainErrors.CannotAnswer(e))
        {
            return false;
        }
    }

    /// <summary>
    /// The sweep's snapshot, or null while the coordinator grain cannot answer: its silo died and Orleans has not yet
    /// declared it dead and activated the grain elsewhere (from its stored state).
    /// </summary>
    private static async Task<SweepSnapshot?> TrySnapshot(ISweepGrain sweep)
    {
        try
        {
            return await sweep.Snapshot() ?? throw new InvalidOperationException("The sweep was submitted but the coordinator has no record of it.");
        }
        catch (Exception e) when (GrainErrors.CannotAnswer(e))
        {
            return null;
        }
    }
}
