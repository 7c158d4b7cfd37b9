using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RlFramework.Runner.Experiments;

namespace RlFramework.Runner.Cli.Sweeps;

/// <summary>
/// <c>rl reproduce ... --cluster</c>: the runs of a reproduction as the trials of a sweep, run by the workers of a
/// PostgreSQL-backed cluster or of an embedded silo on this machine, through the same grains and workers as
/// <c>rl sweep</c>. Each run's input travels as the trial's JSON and its result comes back as JSON. Running the same
/// command again finds the same sweep (its id is a hash of the trials and the working folder), so a restarted
/// coordinator picks it up where it stands; a trial whose worker dies is run again from its start.
/// </summary>
public sealed class ClusterRuns : IRunExecutor, IDisposable
{
    private readonly IHost _host;
    private readonly TextWriter _progress;
    private bool _started;

    private ClusterRuns(IHost host, string placement, TextWriter progress) => (_host, Placement, _progress) = (host, placement, progress);

    /// <summary>Where the runs go, for the closing line: the embedded silo's slots, or the cluster's workers.</summary>
    public string Placement { get; }

    /// <summary>
    /// The runs of the cluster <paramref name="cluster"/> names (a PostgreSQL connection string, checked here, or
    /// <see cref="SweepHosts.Local"/> for an embedded silo with <paramref name="localSlots"/> slots). The host starts with the first sweep.
    /// </summary>
    /// <param name="cluster">The <c>--cluster</c> value.</param>
    /// <param name="localSlots">Runs at once in the embedded silo.</param>
    /// <param name="progress">Receives a progress line at every tenth of a sweep's trials done.</param>
    /// <exception cref="ArgumentException">The value is not a connection string (or the slots are not positive).</exception>
    /// <exception cref="IOException">The database cannot be reached or lacks the Orleans tables.</exception>
    public static ClusterRuns Open(string cluster, int localSlots, TextWriter progress)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(progress);
        if (cluster != SweepHosts.Local) return new ClusterRuns(SweepHosts.Client(ClusterDatabase.Open(cluster)), "on the cluster's workers", progress);
        if (localSlots < 1) throw new ArgumentException($"The embedded silo needs at least one slot; got {localSlots}.");
        return new ClusterRuns(SweepHosts.Embedded(WorkerOptions.Default with { Slots = localSlots }),
            string.Create(CultureInfo.InvariantCulture, $"{localSlots} runs at once in an embedded silo on {Environment.ProcessorCount} cores"), progress);
    }

    /// <inheritdoc/>
    public IReadOnlyList<TResult> Run<TInput, TResult>(RunKind<TInput, TResult> kind, IReadOnlyList<TInput> inputs, Action<TResult>? finished = null)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(inputs);
        var trials = inputs.Select((input, i) => new TrialDefinition { Index = i, Label = kind.Label(input), Kind = kind.Name, SpecJson = kind.InputJson(input) }).ToList();
        var definition = SweepCoordinator.Define(trials, kind.Name, kind.Maximize, Environment.CurrentDirectory, retries: 0, TimeSpan.FromSeconds(30));
        if (!_started)
        {
            _host.StartAsync().GetAwaiter().GetResult();
            _started = true;
        }
        var results = new TResult[trials.Count];
        var heard = new bool[trials.Count];
        int reported = -1;
        var snapshot = SweepCoordinator.RunAsync(_host.Services.GetRequiredService<IGrainFactory>(), definition, s =>
        {
            foreach (var trial in s.Trials.Where(t => t.Status == TrialStatus.Finished && !heard[t.Index]))
            {
                results[trial.Index] = kind.ResultFromJson(trial.ResultJson ?? throw new InvalidDataException($"Trial {trial.Index} of {definition.SweepId} finished without a result."));
                heard[trial.Index] = true;
                finished?.Invoke(results[trial.Index]);
            }
            int tenths = 10 * s.Count(TrialStatus.Finished) / Math.Max(1, s.Trials.Count);
            if (tenths != reported) _progress.WriteLine($"{definition.SweepId}: {SweepTables.Progress(s)}");
            reported = tenths;
        }, TimeSpan.FromMilliseconds(200), CancellationToken.None).GetAwaiter().GetResult();
        if (snapshot.Trials.FirstOrDefault(t => t.Status != TrialStatus.Finished) is { } failed)
            throw new InvalidOperationException($"{kind.Name} run {failed.Index} ({trials[failed.Index].Label}) failed on the cluster: {failed.Error}");
        return results;
    }

    /// <summary>Stops the host if it started.</summary>
    public void Dispose()
    {
        if (_started) _host.StopAsync().GetAwaiter().GetResult();
        _host.Dispose();
    }
}
