namespace RlFramework.Runner.Cli.Sweeps;

/// <summary>The list of unfinished sweeps, kept in grain storage.</summary>
/// <param name="state">The board's stored state.</param>
public sealed class SweepBoardGrain([PersistentState("board", SweepStorage.Name)] IPersistentState<SweepBoardState> state) : Grain, ISweepBoardGrain
{
    /// <inheritdoc/>
    public async Task Add(string sweepId)
    {
        if (state.State.Sweeps.Contains(sweepId)) return;
        state.State.Sweeps.Add(sweepId);
        await state.WriteStateAsync();
    }

    /// <inheritdoc/>
    public async Task Remove(string sweepId)
    {
        if (state.State.Sweeps.Remove(sweepId)) await state.WriteStateAsync();
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<string>> Active() => Task.FromResult<IReadOnlyList<string>>([.. state.State.Sweeps]);
}
