using RlFramework.Envs;
using RlFramework.Envs.Spaces;
using RlFramework.Envs.Wrappers;

namespace RlFramework.Runner.Experiments.Routing;

/// <summary>
/// Passes observations through unchanged but declares a wider Box observation space, so envs of one task family whose
/// boxes differ only in their bounds (e.g. RoboRally maps of different sizes) can share a vector env.
/// </summary>
public sealed class SharedObservationSpace : ObservationWrapper<float[], int, float[]>
{
    /// <summary>Wraps <paramref name="env"/>, declaring <paramref name="space"/> (same shape as the env's, bounds containing it).</summary>
    public SharedObservationSpace(IEnv<float[], int> env, Box<float> space) : base(env)
    {
        ArgumentNullException.ThrowIfNull(space);
        if (env.ObservationSpace is not Box<float> box || box.Size != space.Size)
            throw new ArgumentException($"A shared observation space must have the env's size; {env} has {env.ObservationSpace}, the shared space is {space}.", nameof(space));
        ObservationSpace = space;
    }

    /// <inheritdoc/>
    public override Space<float[]> ObservationSpace { get; }

    /// <summary>The elementwise widest bounds of the envs' Box spaces.</summary>
    public static Box<float> Union(IEnumerable<IEnv<float[], int>> envs)
    {
        var boxes = envs.Select(e => e.ObservationSpace as Box<float> ?? throw new ArgumentException($"{e} does not observe a Box.", nameof(envs))).ToArray();
        var low = boxes[0].Low.ToArray();
        var high = boxes[0].High.ToArray();
        foreach (var box in boxes.Skip(1))
        {
            if (box.Size != low.Length) throw new ArgumentException($"Observation sizes differ: {box.Size} and {low.Length}.", nameof(envs));
            var (l, h) = (box.Low.ToArray(), box.High.ToArray());
            for (int i = 0; i < low.Length; i++) (low[i], high[i]) = (Math.Min(low[i], l[i]), Math.Max(high[i], h[i]));
        }
        return new Box<float>(low, high);
    }

    /// <inheritdoc/>
    protected override float[] Observation(float[] observation) => observation;
}
