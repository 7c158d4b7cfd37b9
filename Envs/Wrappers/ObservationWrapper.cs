using RlFramework.Envs.Spaces;

namespace RlFramework.Envs.Wrappers;

/// <summary>
/// A wrapper that transforms every observation (Gymnasium's <c>ObservationWrapper</c>): implement
/// ObservationSpace and <see cref="Observation"/>.
/// </summary>
/// <typeparam name="TObs">The transformed observation type.</typeparam>
/// <typeparam name="TAct">The action type.</typeparam>
/// <typeparam name="TInnerObs">The wrapped env's observation type.</typeparam>
public abstract class ObservationWrapper<TObs, TAct, TInnerObs> : Wrapper<TObs, TAct, TInnerObs, TAct>
    where TObs : notnull where TAct : notnull where TInnerObs : notnull
{
    /// <summary>Wraps <paramref name="env"/>.</summary>
    protected ObservationWrapper(IEnv<TInnerObs, TAct> env) : base(env) { }

    /// <inheritdoc/>
    public override Space<TAct> ActionSpace => Env.ActionSpace;

    /// <summary>Transforms one observation.</summary>
    protected abstract TObs Observation(TInnerObs observation);

    /// <summary>Called on every Reset before the first observation is transformed (for wrappers with per-episode state).</summary>
    protected virtual void OnReset() { }

    /// <inheritdoc/>
    public override ResetResult<TObs> Reset(int? seed = null, IReadOnlyDictionary<string, object?>? options = null)
    {
        var (observation, info) = Env.Reset(seed, options);
        OnReset();
        return new(Observation(observation), info);
    }

    /// <inheritdoc/>
    public override StepResult<TObs> Step(TAct action)
    {
        var result = Env.Step(action);
        return new(Observation(result.Observation), result.Reward, result.Terminated, result.Truncated, result.Info);
    }
}
