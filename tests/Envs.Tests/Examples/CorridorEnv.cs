using RlFramework.Envs.Spaces;

namespace RlFramework.Envs.Tests.Examples;

/// <summary>The README's example env, kept compiling and passing here: walk right to the goal at <c>length</c>.</summary>
public sealed class CorridorEnv(int length) : Env<int, int>(EnvMetadata.None, renderMode: null)
{
    private int _position;

    public override Space<int> ObservationSpace { get; } = new Discrete(length + 1);
    public override Space<int> ActionSpace { get; } = new Discrete(2); // 0: left, 1: right

    protected override ResetResult<int> OnReset(IReadOnlyDictionary<string, object?>? options)
    {
        _position = (int)NpRandom.Integers(length); // NpRandom is seeded by Reset(seed)
        return new(_position, Info.Empty);
    }

    protected override StepResult<int> OnStep(int action)
    {
        _position = Math.Clamp(_position + (action == 1 ? 1 : -1), 0, length);
        bool atGoal = _position == length;
        return new(_position, atGoal ? 1.0 : -0.01, Terminated: atGoal, Truncated: false, Info.Empty);
    }
}
