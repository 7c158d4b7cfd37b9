using RlFramework.Envs.Spaces;

namespace RlFramework.Envs;

/// <summary>
/// A Gymnasium-style environment: <see cref="Reset"/> starts an episode, <see cref="Step"/> advances it by one action.
/// </summary>
/// <typeparam name="TObs">The observation type (float[] for Box observations, int for Discrete, ...).</typeparam>
/// <typeparam name="TAct">The action type (int for Discrete, float[] for Box, ...).</typeparam>
public interface IEnv<TObs, TAct> : IEnv where TObs : notnull where TAct : notnull
{
    /// <summary>The space every observation belongs to.</summary>
    new Space<TObs> ObservationSpace { get; }

    /// <summary>The space every valid action belongs to.</summary>
    new Space<TAct> ActionSpace { get; }

    /// <summary>
    /// Starts a new episode. A non-null <paramref name="seed"/> re-creates the env's random generator from it; a null
    /// seed keeps the current generator (or seeds one from OS entropy the first time). The action space is not seeded.
    /// </summary>
    /// <param name="seed">The seed, or null.</param>
    /// <param name="options">Env-specific reset options (CartPole: "low" and "high" bounds of the initial state).</param>
    ResetResult<TObs> Reset(int? seed = null, IReadOnlyDictionary<string, object?>? options = null);

    /// <summary>Applies <paramref name="action"/> and returns the next observation, reward and flags.</summary>
    /// <exception cref="ArgumentException">The action is not in <see cref="ActionSpace"/>.</exception>
    StepResult<TObs> Step(TAct action);

    /// <summary>Reset with the observation boxed, for code that handles any env.</summary>
    ResetResult<object> IEnv.ResetBoxed(int? seed, IReadOnlyDictionary<string, object?>? options)
    {
        var (observation, info) = Reset(seed, options);
        return new(observation, info);
    }

    /// <summary>Step with the action and observation boxed, for code that handles any env.</summary>
    /// <exception cref="ArgumentException">The action is not a <typeparamref name="TAct"/>.</exception>
    StepResult<object> IEnv.StepBoxed(object action)
    {
        if (action is not TAct typed)
        {
            throw new ArgumentException(
                $"{Spec?.Id ?? ToString()}: action {Env<TObs, TAct>.Describe(action)} of type {action?.GetType().Name ?? "null"} is not a {typeof(TAct).Name} (action space {ActionSpace}).",
                nameof(action));
        }

        var result = Step(typed);
        return new(result.Observation, result.Reward, result.Terminated, result.Truncated, result.Info);
    }
}
