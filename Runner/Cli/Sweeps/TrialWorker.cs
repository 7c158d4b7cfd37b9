using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Hosting;
using RlFramework.Models;

namespace RlFramework.Runner.Cli.Sweeps;

/// <summary>
/// A silo's trial runner: it polls the unfinished sweeps for trials while it has free slots, renewing the leases of the
/// trials it runs, and trains each trial on its own dedicated thread, off the Orleans scheduler, so grains and
/// membership heartbeats stay responsive. Trials train one core each. When the silo stops, running trials stop with a
/// checkpoint and are handed back, to be resumed by another worker.
/// </summary>
public sealed class TrialWorker : BackgroundService
{
    private readonly IGrainFactory _grains;
    private readonly WorkerOptions _options;
    private readonly ConcurrentDictionary<(string SweepId, int Index), Task> _running = new();
    private readonly SemaphoreSlim _slotFreed = new(0);

    /// <summary>Creates the worker.</summary>
    /// <param name="grains">Reaches the coordinator grains.</param>
    /// <param name="options">Slots and polling.</param>
    /// <param name="silo">The silo it runs in, which names it.</param>
    public TrialWorker(IGrainFactory grains, WorkerOptions options, ILocalSiloDetails silo)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Slots);
        (_grains, _options) = (grains, options);
        Name = string.Create(CultureInfo.InvariantCulture, $"{silo.SiloAddress} on {Environment.MachineName} (pid {Environment.ProcessId})");
    }

    /// <summary>This worker's name in the sweeps' records: its silo's address (unique per silo start), host and process.</summary>
    public string Name { get; }

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_options.Slots == 0) return;
        if (_options.Slots > 1) torch.set_num_threads(1);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await PollOnce(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    _options.Log?.WriteLine($"worker {Name}: cannot reach the coordinator ({e.Message}); retrying");
                }
                await _slotFreed.WaitAsync(_options.PollInterval, stoppingToken); // a trial that ends asks for the next one at once
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // the silo stops: the trials below stop with a checkpoint and hand themselves back
        }
        await Task.WhenAll(_running.Values);
    }

    private async Task PollOnce(CancellationToken stoppingToken)
    {
        foreach (string sweepId in await _grains.GetGrain<ISweepBoardGrain>(0).Active())
        {
            var sweep = _grains.GetGrain<ISweepGrain>(sweepId);
            var mine = _running.Keys.Where(k => k.SweepId == sweepId).Select(k => k.Index).ToList();
            foreach (var assignment in await sweep.Claim(Name, _options.Slots - _running.Count, mine))
                Train(sweep, assignment, stoppingToken);
        }
    }

    /// <inheritdoc/>
    public override void Dispose()
    {
        _slotFreed.Dispose();
        base.Dispose();
    }

    /// <summary>How long <see cref="AskCoordinator"/> keeps asking an unreachable coordinator.</summary>
    private static readonly TimeSpan CoordinatorPatience = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Makes a call to the sweep's coordinator, asking again every half second while it cannot answer (its silo was
    /// killed or is restarting) for up to <see cref="CoordinatorPatience"/> or until the worker stops: a trial must not
    /// fail, nor its report be lost, because its coordinator was being moved.
    /// </summary>
    private static void AskCoordinator(Func<Task> call, CancellationToken stoppingToken)
    {
        var deadline = DateTime.UtcNow + CoordinatorPatience;
        while (true)
        {
            try
            {
                call().GetAwaiter().GetResult();
                return;
            }
            catch (Exception e) when (GrainErrors.CannotAnswer(e) && DateTime.UtcNow < deadline && !stoppingToken.IsCancellationRequested)
            {
                Thread.Sleep(500);
            }
        }
    }

    /// <summary>Trains the assignment on a new dedicated thread (listed in the running trials until it has reported) and reports how it ended.</summary>
    private void Train(ISweepGrain sweep, TrialAssignment assignment, CancellationToken stoppingToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                _options.Log?.WriteLine($"worker {Name}: trial {assignment.Index} of {assignment.SweepId}, attempt {assignment.Attempt}{(assignment.RunId is null ? "" : $", resuming {assignment.RunId}")}");
                var report = TrialExecution.Run(assignment, runId => AskCoordinator(() => sweep.Started(assignment.Index, assignment.Attempt, runId), stoppingToken), stoppingToken);
                _options.Log?.WriteLine($"worker {Name}: trial {assignment.Index} {(report.Finished ? "finished" : report.HandedBack ? "handed back" : $"failed: {report.Error}")}");
                AskCoordinator(() => sweep.Report(report), stoppingToken);
            }
            catch (Exception e)
            {
                // the coordinator is unreachable (this silo is stopping or cut off): the trial's lease runs out and it is reassigned
                _options.Log?.WriteLine($"worker {Name}: cannot report trial {assignment.Index} ({e.Message})");
            }
            finally
            {
                _running.TryRemove((assignment.SweepId, assignment.Index), out _);
                _slotFreed.Release();
                done.SetResult();
            }
        })
        { IsBackground = true, Name = $"trial {assignment.Index}" };
        _running[(assignment.SweepId, assignment.Index)] = done.Task;
        thread.Start();
    }
}
