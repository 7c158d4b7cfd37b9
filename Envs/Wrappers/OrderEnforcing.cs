namespace RlFramework.Envs.Wrappers;

/// <summary>Refuses Step (and Render) before the first Reset with an <see cref="InvalidOperationException"/>.</summary>
/// <typeparam name="TObs">The observation type.</typeparam>
/// <typeparam name="TAct">The action type.</typeparam>
public sealed class OrderEnforcing<TObs, TAct> : Wrapper<TObs, TAct> where TObs : notnull where TAct : notnull
{
    private readonly bool _allowRenderBeforeReset;

    /// <summary>Wraps <paramref name="env"/>; <paramref name="allowRenderBeforeReset"/> lifts the check for Render.</summary>
    public OrderEnforcing(IEnv<TObs, TAct> env, bool allowRenderBeforeReset = false) : base(env) =>
        _allowRenderBeforeReset = allowRenderBeforeReset;

    /// <summary>True once Reset has been called.</summary>
    public bool HasReset { get; private set; }

    /// <inheritdoc/>
    public override ResetResult<TObs> Reset(int? seed = null, IReadOnlyDictionary<string, object?>? options = null)
    {
        HasReset = true;
        return Env.Reset(seed, options);
    }

    /// <inheritdoc/>
    public override StepResult<TObs> Step(TAct action)
    {
        if (!HasReset) throw new InvalidOperationException($"{Unwrapped}: cannot call Step before Reset; call Reset first.");
        return Env.Step(action);
    }

    /// <inheritdoc/>
    public override object? Render()
    {
        if (!HasReset && !_allowRenderBeforeReset)
            throw new InvalidOperationException($"{Unwrapped}: cannot call Render before Reset; call Reset first.");
        return Env.Render();
    }

    /// <inheritdoc/>
    protected override void OnSaveState(EnvSnapshot snapshot) => snapshot.Set("has_reset", HasReset);

    /// <inheritdoc/>
    protected override void OnLoadState(EnvSnapshot snapshot) => HasReset = snapshot.GetBool("has_reset");
}
