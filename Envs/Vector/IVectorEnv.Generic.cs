using RlFramework.Envs.Spaces;

namespace RlFramework.Envs.Vector;

/// <summary>
/// A vector env over sub-envs with array observations of <typeparamref name="T"/>: observations of all sub-envs in one
/// contiguous row-major buffer (<c>NumEnvs × ObservationSize</c>), rewards as doubles, flags as bools, one
/// <see cref="Info"/> per sub-env. Results refer to buffers the vector env reuses on its next call: copy what you keep.
/// Not thread-safe: call it from one thread at a time.
/// </summary>
/// <typeparam name="T">The observation element type (float for CartPole, byte for pixels, ...).</typeparam>
/// <typeparam name="TAct">The action type of one sub-env.</typeparam>
public interface IVectorEnv<T, TAct> : IVectorEnv where T : unmanaged where TAct : notnull
{
    /// <summary>The sub-envs, in index order (touch them only between calls to the vector env).</summary>
    IReadOnlyList<IEnv<T[], TAct>> Envs { get; }

    /// <summary>The number of elements of one sub-env's observation.</summary>
    int ObservationSize { get; }

    /// <summary>The observation space of one sub-env.</summary>
    new Space<T[]> SingleObservationSpace { get; }

    /// <summary>The action space of one sub-env.</summary>
    new Space<TAct> SingleActionSpace { get; }

    /// <summary>The space of the batched observation buffer: a Box of shape <c>(NumEnvs, ...single shape)</c>.</summary>
    new Space<T[]> ObservationSpace { get; }

    /// <summary>The space of an action batch: MultiDiscrete for Discrete sub-envs, else <see cref="BatchedSpace{TItem}"/>.</summary>
    new Space<TAct[]> ActionSpace { get; }

    /// <summary>
    /// Resets every sub-env. <paramref name="seed"/> null: each sub-env keeps (or first creates) its random generator;
    /// an int s: sub-env i is seeded with s + i.
    /// </summary>
    /// <param name="seed">The seed of sub-env 0, or null.</param>
    /// <param name="options">Reset options passed to every sub-env.</param>
    VectorResetResult<T> Reset(int? seed = null, IReadOnlyDictionary<string, object?>? options = null);

    /// <summary>Resets every sub-env, sub-env i with <c>seeds[i]</c> (null entries: no new seed).</summary>
    /// <exception cref="ArgumentException">The list does not have <see cref="IVectorEnv.NumEnvs"/> entries.</exception>
    VectorResetResult<T> Reset(IReadOnlyList<int?> seeds, IReadOnlyDictionary<string, object?>? options = null);

    /// <summary>
    /// Resets only the sub-envs whose <paramref name="mask"/> entry is true (Gymnasium's <c>options["reset_mask"]</c>);
    /// with a seed s, sub-env i gets s + i. Other sub-envs keep their observation; their info is empty.
    /// </summary>
    /// <exception cref="ArgumentException">The mask does not have <see cref="IVectorEnv.NumEnvs"/> entries or has no true entry.</exception>
    VectorResetResult<T> Reset(ReadOnlySpan<bool> mask, int? seed = null, IReadOnlyDictionary<string, object?>? options = null);

    /// <summary>Resets the sub-envs selected by <paramref name="mask"/>, sub-env i with <c>seeds[i]</c>.</summary>
    VectorResetResult<T> Reset(ReadOnlySpan<bool> mask, IReadOnlyList<int?> seeds, IReadOnlyDictionary<string, object?>? options = null);

    /// <summary>Steps every sub-env with its action (<c>actions[i]</c> for sub-env i), autoresetting per <see cref="IVectorEnv.AutoresetMode"/>.</summary>
    /// <exception cref="ArgumentException">Not one action per sub-env, or an action outside the single action space (the message names the sub-env).</exception>
    /// <exception cref="InvalidOperationException">Step before Reset, or (autoreset disabled) stepping a finished sub-env.</exception>
    /// <exception cref="VectorEnvException">A sub-env threw.</exception>
    VectorStepResult<T> Step(ReadOnlySpan<TAct> actions);

    /// <summary>Steps every sub-env (see <see cref="Step(ReadOnlySpan{TAct})"/>).</summary>
    VectorStepResult<T> Step(TAct[] actions);
}
