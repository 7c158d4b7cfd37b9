using RlFramework.Envs;
using RlFramework.Envs.Spaces;
using RlFramework.Envs.Wrappers;

namespace RlFramework.Runner.Experiments.Routing;

/// <summary>
/// Reverses the meaning of a discrete action space: action a is played as n − 1 − a (on CartPole, push left and push
/// right swap). The same observation then asks for the opposite action, so a task and its reversed twin conflict.
/// </summary>
public sealed class ReversedActions : Wrapper<float[], int>
{
    private readonly int _count;

    /// <summary>Wraps <paramref name="env"/>, which must have a <see cref="Discrete"/> action space starting at 0.</summary>
    public ReversedActions(IEnv<float[], int> env) : base(env)
    {
        if (env.ActionSpace is not Discrete { Start: 0 } discrete)
            throw new ArgumentException($"Reversing actions needs a Discrete action space starting at 0; {env} has {env.ActionSpace}.", nameof(env));
        _count = discrete.N;
    }

    /// <inheritdoc/>
    public override StepResult<float[]> Step(int action) => Env.Step(_count - 1 - action);
}
