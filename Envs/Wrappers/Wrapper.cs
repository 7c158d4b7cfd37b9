using RlFramework.Envs.Spaces;

namespace RlFramework.Envs.Wrappers;

/// <summary>
/// Base of wrappers that may change the observation and action types (Gymnasium's <c>Wrapper</c>): everything forwards
/// to the wrapped env until overridden. Most wrappers derive from <see cref="Wrapper{TObs, TAct}"/> or
/// <see cref="ObservationWrapper{TObs, TAct, TInnerObs}"/> instead.
/// </summary>
/// <typeparam name="TObs">The observation type this wrapper returns.</typeparam>
/// <typeparam name="TAct">The action type this wrapper takes.</typeparam>
/// <typeparam name="TInnerObs">The wrapped env's observation type.</typeparam>
/// <typeparam name="TInnerAct">The wrapped env's action type.</typeparam>
public abstract class Wrapper<TObs, TAct, TInnerObs, TInnerAct> : IEnv<TObs, TAct>, ISnapshotEnv
    where TObs : notnull where TAct : notnull where TInnerObs : notnull where TInnerAct : notnull
{
    private bool _closed;

    /// <summary>Wraps <paramref name="env"/>.</summary>
    protected Wrapper(IEnv<TInnerObs, TInnerAct> env) => Env = env ?? throw new ArgumentNullException(nameof(env));

    /// <summary>The wrapped env.</summary>
    public IEnv<TInnerObs, TInnerAct> Env { get; }

    /// <inheritdoc/>
    public abstract Space<TObs> ObservationSpace { get; }

    /// <inheritdoc/>
    public abstract Space<TAct> ActionSpace { get; }

    /// <inheritdoc/>
    public virtual EnvMetadata Metadata => Env.Metadata;

    /// <inheritdoc/>
    public string? RenderMode => Env.RenderMode;

    /// <inheritdoc/>
    public EnvSpec? Spec
    {
        get => Env.Spec;
        set => Env.Spec = value;
    }

    /// <inheritdoc/>
    public IEnv Unwrapped => Env.Unwrapped;

    ISpace IEnv.ObservationSpace => ObservationSpace;
    ISpace IEnv.ActionSpace => ActionSpace;

    /// <inheritdoc/>
    public abstract ResetResult<TObs> Reset(int? seed = null, IReadOnlyDictionary<string, object?>? options = null);

    /// <inheritdoc/>
    public abstract StepResult<TObs> Step(TAct action);

    /// <inheritdoc/>
    public virtual object? Render() => Env.Render();

    /// <summary>Closes the wrapper (see <see cref="OnClose"/>) and then the wrapped env; calling it again does nothing.</summary>
    public void Close()
    {
        if (_closed) return;
        _closed = true;
        OnClose();
        Env.Close();
    }

    /// <summary>Releases this wrapper's own resources, called once before the wrapped env is closed.</summary>
    protected virtual void OnClose() { }

    /// <inheritdoc/>
    public void Dispose()
    {
        Close();
        GC.SuppressFinalize(this);
    }

    /// <summary>Saves the stack's origin, the wrapped env's state, then this wrapper's own (<see cref="OnSaveState"/>).</summary>
    /// <exception cref="NotSupportedException">The wrapped env cannot be snapshotted.</exception>
    public void SaveState(EnvSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        snapshot.SetOrigin(this);
        InnerSnapshotEnv.SaveState(snapshot.Scope("env"));
        OnSaveState(snapshot);
    }

    /// <summary>Checks that the snapshot comes from a stack made like this one, then restores the wrapped env's state and this wrapper's own (<see cref="OnLoadState"/>).</summary>
    /// <exception cref="InvalidDataException">The snapshot was taken from another env or wrapper stack.</exception>
    public void LoadState(EnvSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        snapshot.CheckOrigin(this);
        InnerSnapshotEnv.LoadState(snapshot.Scope("env"));
        OnLoadState(snapshot);
    }

    /// <summary>Writes this wrapper's own state; wrappers that keep state between steps override it (and <see cref="OnLoadState"/>).</summary>
    protected virtual void OnSaveState(EnvSnapshot snapshot) { }

    /// <summary>Restores what <see cref="OnSaveState"/> wrote.</summary>
    protected virtual void OnLoadState(EnvSnapshot snapshot) { }

    private ISnapshotEnv InnerSnapshotEnv => Env as ISnapshotEnv
        ?? throw new NotSupportedException($"{Env} cannot save its state (it does not implement ISnapshotEnv), so runs on it cannot be resumed exactly.");

    /// <summary>The stack in Gymnasium's form: <c>WrapperName&lt;inner&gt;</c>.</summary>
    public override string ToString()
    {
        var name = GetType().Name;
        int tick = name.IndexOf('`');
        return $"{(tick < 0 ? name : name[..tick])}<{Env}>";
    }
}
