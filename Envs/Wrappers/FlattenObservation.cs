using RlFramework.Envs.Spaces;

namespace RlFramework.Envs.Wrappers;

/// <summary>
/// Flattens observations into float vectors (<see cref="SpaceFlattening"/>): Discrete becomes one-hot, Tuple and Dict
/// concatenate. The output array is reused by every Reset and Step.
/// </summary>
/// <typeparam name="TObs">The wrapped env's observation type.</typeparam>
/// <typeparam name="TAct">The action type.</typeparam>
public sealed class FlattenObservation<TObs, TAct> : ObservationWrapper<float[], TAct, TObs> where TObs : notnull where TAct : notnull
{
    private readonly float[] _output;

    /// <summary>Wraps <paramref name="env"/>.</summary>
    public FlattenObservation(IEnv<TObs, TAct> env) : base(env)
    {
        ObservationSpace = SpaceFlattening.FlattenSpace(env.ObservationSpace);
        _output = new float[ObservationSpace.Size];
    }

    /// <inheritdoc/>
    public override Box<float> ObservationSpace { get; }

    /// <inheritdoc/>
    protected override float[] Observation(TObs observation)
    {
        SpaceFlattening.Flatten(Env.ObservationSpace, observation, _output);
        return _output;
    }
}
