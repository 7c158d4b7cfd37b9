using System.Numerics;
using RlFramework.Envs.Seeding;
using RlFramework.Envs.Spaces;

namespace RlFramework.Envs.Wrappers;

/// <summary>
/// Makes a POMDP by flickering: with probability <see cref="Probability"/>, independently at every Reset and Step, the
/// whole observation is replaced by zeros (same shape), as in DRQN's flickering Atari. The flicker noise is seeded from
/// the seed passed to Reset (derived, so it does not disturb the env's own random stream).
/// </summary>
/// <typeparam name="T">The observation element type.</typeparam>
/// <typeparam name="TAct">The action type.</typeparam>
public sealed class ObservationFlicker<T, TAct> : ObservationWrapper<T[], TAct, T[]> where T : unmanaged, INumber<T> where TAct : notnull
{
    private readonly T[] _zeros;
    private RandomGenerator? _random;

    /// <summary>Wraps <paramref name="env"/>; each observation is zeroed with probability <paramref name="probability"/>.</summary>
    public ObservationFlicker(IEnv<T[], TAct> env, double probability = 0.5) : base(env)
    {
        if (!(probability >= 0 && probability <= 1))
            throw new ArgumentOutOfRangeException(nameof(probability), probability, "The flicker probability must lie in [0, 1].");
        if (env.ObservationSpace is not Box<T> box)
            throw new ArgumentException($"ObservationFlicker needs a Box observation space; {env} has {env.ObservationSpace}.", nameof(env));
        Probability = probability;
        _zeros = new T[box.Size];
        ObservationSpace = box.Contains(_zeros) ? box : throw new ArgumentException(
            $"ObservationFlicker zeroes observations, but zero is outside {box}.", nameof(env));
    }

    /// <summary>The probability that an observation is zeroed.</summary>
    public double Probability { get; }

    /// <summary>True when the last observation was zeroed.</summary>
    public bool LastFlickered { get; private set; }

    /// <inheritdoc/>
    public override Space<T[]> ObservationSpace { get; }

    /// <inheritdoc/>
    public override ResetResult<T[]> Reset(int? seed = null, IReadOnlyDictionary<string, object?>? options = null)
    {
        if (seed is not null || _random is null) _random = RandomGenerator.Derive(seed, "observation-flicker");
        return base.Reset(seed, options);
    }

    /// <inheritdoc/>
    protected override T[] Observation(T[] observation)
    {
        LastFlickered = _random!.Random() < Probability;
        return LastFlickered ? _zeros : observation;
    }

    /// <inheritdoc/>
    protected override void OnSaveState(EnvSnapshot snapshot)
    {
        snapshot.Set("seeded", _random is not null);
        if (_random is not null) snapshot.Set("flicker_random", _random);
    }

    /// <inheritdoc/>
    protected override void OnLoadState(EnvSnapshot snapshot)
    {
        if (!snapshot.GetBool("seeded")) return;
        _random ??= RandomGenerator.FromSeed(0);
        snapshot.Restore("flicker_random", _random);
    }
}
