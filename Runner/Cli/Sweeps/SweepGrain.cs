namespace RlFramework.Runner.Cli.Sweeps;

/// <summary>
/// Coordinates one sweep. Each assignment is numbered (its attempt); a worker renews its trials' leases on every
/// <see cref="Claim"/>, and a trial whose lease runs out (its worker was killed or cut off) goes back to pending with its
/// run id, so the next worker resumes the run from its last checkpoint. Only the current attempt's report counts, so a
/// trial finishes once. Lease times live in memory: after a reactivation (say, on another silo) every running trial
/// gets a fresh lease.
/// </summary>
/// <param name="state">The sweep's stored state.</param>
/// <param name="time">The clock for leases.</param>
public sealed class SweepGrain([PersistentState("sweep", SweepStorage.Name)] IPersistentState<SweepState> state, TimeProvider time) : Grain, ISweepGrain
{
    private readonly Dictionary<int, DateTimeOffset> _renewed = [];
    private DateTimeOffset _activated;

    /// <inheritdoc/>
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _activated = time.GetUtcNow();
        return Task.CompletedTask;
    }

    private SweepDefinition Definition => state.State.Definition
        ?? throw new InvalidOperationException($"No sweep was submitted under the id '{this.GetPrimaryKeyString()}'.");

    /// <inheritdoc/>
    public async Task Submit(SweepDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (state.State.Definition is null)
        {
            state.State.Definition = definition;
            state.State.Trials = [.. definition.Trials.Select(t => new TrialState { Index = t.Index })];
            await state.WriteStateAsync();
        }
        if (!IsComplete) await GrainFactory.GetGrain<ISweepBoardGrain>(0).Add(Definition.SweepId);
    }

    private bool IsComplete => state.State.Trials.All(t => t.Status is TrialStatus.Finished or TrialStatus.Failed);

    /// <inheritdoc/>
    public async Task<IReadOnlyList<TrialAssignment>> Claim(string worker, int free, IReadOnlyList<int> running)
    {
        if (state.State.Definition is null) return [];
        var now = time.GetUtcNow();
        foreach (int index in running)
        {
            if (state.State.Trials[index] is { Status: TrialStatus.Running } trial && trial.Worker == worker)
                _renewed[index] = now;
        }

        bool changed = false;
        foreach (var trial in state.State.Trials.Where(t => t.Status == TrialStatus.Running))
        {
            if (now - _renewed.GetValueOrDefault(trial.Index, _activated) > Definition.Lease)
            {
                trial.Status = TrialStatus.Pending;
                trial.Error = $"worker {trial.Worker} stopped renewing its lease";
                changed = true;
            }
        }

        var assigned = new List<TrialAssignment>();
        foreach (var trial in state.State.Trials.Where(t => t.Status == TrialStatus.Pending).Take(Math.Max(0, free)))
        {
            trial.Status = TrialStatus.Running;
            trial.Attempt++;
            trial.Worker = worker;
            _renewed[trial.Index] = now;
            assigned.Add(new TrialAssignment
            {
                SweepId = Definition.SweepId,
                Index = trial.Index,
                Attempt = trial.Attempt,
                SpecJson = Definition.Trials[trial.Index].SpecJson,
                RunsFolder = Definition.RunsFolder,
                RunId = trial.RunId,
                Metric = Definition.Metric,
                Kind = Definition.Trials[trial.Index].Kind,
            });
            changed = true;
        }
        if (changed) await state.WriteStateAsync();
        return assigned;
    }

    /// <inheritdoc/>
    public async Task Started(int index, int attempt, string runId)
    {
        if (Current(index, attempt) is not { } trial) return;
        trial.RunId = runId;
        await state.WriteStateAsync();
    }

    /// <inheritdoc/>
    public async Task Report(TrialReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (Current(report.Index, report.Attempt) is not { } trial) return;
        if (report.Finished)
        {
            (trial.Status, trial.Metric, trial.ResultJson, trial.Error) = (TrialStatus.Finished, report.Metric, report.ResultJson, null);
        }
        else if (report.HandedBack)
        {
            trial.Status = TrialStatus.Pending;
            trial.Error = report.Error ?? trial.Error;
        }
        else
        {
            trial.Failures++;
            trial.Error = report.Error;
            trial.Status = trial.Failures > Definition.Retries ? TrialStatus.Failed : TrialStatus.Pending;
        }
        _renewed.Remove(trial.Index);
        await state.WriteStateAsync();
        if (IsComplete) await GrainFactory.GetGrain<ISweepBoardGrain>(0).Remove(Definition.SweepId);
    }

    /// <summary>The trial's record when <paramref name="attempt"/> is its current, running attempt; else null (a late report).</summary>
    private TrialState? Current(int index, int attempt) =>
        state.State.Definition is not null && index >= 0 && index < state.State.Trials.Count
        && state.State.Trials[index] is { Status: TrialStatus.Running } trial && trial.Attempt == attempt ? trial : null;

    /// <inheritdoc/>
    public Task<SweepSnapshot?> Snapshot() => Task.FromResult(state.State.Definition is null ? null
        : new SweepSnapshot { Definition = Definition, Trials = [.. state.State.Trials.Select(t => t.Copy())] });
}
