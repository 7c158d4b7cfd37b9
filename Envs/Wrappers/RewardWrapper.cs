namespace RlFramework.Envs.Wrappers;

/// <summary>A wrapper that transforms every reward (Gymnasium's <c>RewardWrapper</c>): implement <see cref="Reward"/>.</summary>
/// <typeparam name="TObs">The observation type.</typeparam>
/// <typeparam name="TAct">The action type.</typeparam>
public abstract class RewardWrapper<TObs, TAct> : Wrapper<TObs, TAct> where TObs : notnull where TAct : notnull
{
    /// <summary>Wraps <paramref name="env"/>.</summary>
    protected RewardWrapper(IEnv<TObs, TAct> env) : base(env) { }

    /// <summary>Transforms one reward.</summary>
    protected abstract double Reward(double reward);

    /// <inheritdoc/>
    public override StepResult<TObs> Step(TAct action)
    {
        var result = Env.Step(action);
        return result with { Reward = Reward(result.Reward) };
    }
}
