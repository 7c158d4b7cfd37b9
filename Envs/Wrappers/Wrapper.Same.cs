using RlFramework.Envs.Spaces;

namespace RlFramework.Envs.Wrappers;

/// <summary>
/// A wrapper that keeps the observation and action types; Reset and Step forward to the wrapped env until overridden.
/// </summary>
/// <typeparam name="TObs">The observation type.</typeparam>
/// <typeparam name="TAct">The action type.</typeparam>
public abstract class Wrapper<TObs, TAct> : Wrapper<TObs, TAct, TObs, TAct> where TObs : notnull where TAct : notnull
{
    /// <summary>Wraps <paramref name="env"/>.</summary>
    protected Wrapper(IEnv<TObs, TAct> env) : base(env) { }

    /// <inheritdoc/>
    public override Space<TObs> ObservationSpace => Env.ObservationSpace;

    /// <inheritdoc/>
    public override Space<TAct> ActionSpace => Env.ActionSpace;

    /// <inheritdoc/>
    public override ResetResult<TObs> Reset(int? seed = null, IReadOnlyDictionary<string, object?>? options = null) => Env.Reset(seed, options);

    /// <inheritdoc/>
    public override StepResult<TObs> Step(TAct action) => Env.Step(action);
}
