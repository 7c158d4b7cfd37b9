using System.Numerics;
using RlFramework.Envs.Spaces;

namespace RlFramework.Envs.Wrappers;

/// <summary>
/// Keeps only the given elements of a vector observation, in the given order (e.g. CartPole's positions [0, 2] to mask
/// the velocities). The output array is reused by every Reset and Step.
/// </summary>
/// <typeparam name="T">The observation element type.</typeparam>
/// <typeparam name="TAct">The action type.</typeparam>
public sealed class FilterObservation<T, TAct> : ObservationWrapper<T[], TAct, T[]> where T : unmanaged, INumber<T> where TAct : notnull
{
    private readonly int[] _indices;
    private readonly T[] _output;

    /// <summary>Wraps <paramref name="env"/>, keeping the elements at <paramref name="indices"/>.</summary>
    public FilterObservation(IEnv<T[], TAct> env, params int[] indices) : base(env)
    {
        ArgumentNullException.ThrowIfNull(indices);
        if (env.ObservationSpace is not Box<T> box)
            throw new ArgumentException($"FilterObservation needs a Box observation space; {env} has {env.ObservationSpace}.", nameof(env));
        if (indices.Length == 0) throw new ArgumentException("FilterObservation needs at least one index to keep.", nameof(indices));
        foreach (var index in indices)
        {
            if (index < 0 || index >= box.Size)
                throw new ArgumentOutOfRangeException(nameof(indices), index, $"Index {index} is outside the observation of {box.Size} elements.");
        }

        _indices = (int[])indices.Clone();
        _output = new T[indices.Length];
        var low = box.Low.ToArray();
        var high = box.High.ToArray();
        ObservationSpace = new Box<T>(_indices.Select(i => low[i]).ToArray(), _indices.Select(i => high[i]).ToArray());
    }

    /// <summary>The kept indices.</summary>
    public IReadOnlyList<int> Indices => _indices;

    /// <inheritdoc/>
    public override Box<T> ObservationSpace { get; }

    /// <inheritdoc/>
    protected override T[] Observation(T[] observation)
    {
        for (int i = 0; i < _indices.Length; i++) _output[i] = observation[_indices[i]];
        return _output;
    }
}
