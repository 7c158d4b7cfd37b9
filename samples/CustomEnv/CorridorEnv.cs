using RlFramework.Envs;
using RlFramework.Envs.Spaces;

namespace CustomEnv;

/// <summary>Walk right along a corridor to the goal at <c>length</c>; the observation is the position, one-hot.</summary>
public sealed class CorridorEnv(int length) : Env<float[], int>(EnvMetadata.None, renderMode: null)
{
    private readonly float[] _observation = new float[length + 1];
    private int _position;

    /// <inheritdoc />
    public override Space<float[]> ObservationSpace { get; } = new Box<float>(0f, 1f, length + 1);

    /// <inheritdoc />
    public override Space<int> ActionSpace { get; } = new Discrete(2); // 0: left, 1: right

    /// <inheritdoc />
    protected override ResetResult<float[]> OnReset(IReadOnlyDictionary<string, object?>? options)
    {
        _position = (int)NpRandom.Integers(length); // NpRandom is seeded by Reset(seed)
        return new(Observe(), Info.Empty);
    }

    /// <inheritdoc />
    protected override StepResult<float[]> OnStep(int action)
    {
        _position = Math.Clamp(_position + (action == 1 ? 1 : -1), 0, length);
        bool atGoal = _position == length;
        return new(Observe(), atGoal ? 1.0 : -0.01, Terminated: atGoal, Truncated: false, Info.Empty);
    }

    private float[] Observe()
    {
        Array.Clear(_observation);
        _observation[_position] = 1f;
        return _observation; // reused, as the framework's envs do
    }
}
