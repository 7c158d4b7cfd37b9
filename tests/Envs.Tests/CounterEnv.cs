using RlFramework.Envs.Spaces;

namespace RlFramework.Envs.Tests;

/// <summary>A tiny deterministic env: observes its step count, terminates after <c>limit</c> steps, reward = action.</summary>
internal sealed class CounterEnv(int limit) : Env<int, int>(EnvMetadata.None, null)
{
    private int _count;

    public override Space<int> ObservationSpace { get; } = new Discrete(limit + 1);
    public override Space<int> ActionSpace { get; } = new Discrete(2);

    protected override ResetResult<int> OnReset(IReadOnlyDictionary<string, object?>? options)
    {
        _count = 0;
        return new(0, Info.Empty);
    }

    protected override StepResult<int> OnStep(int action)
    {
        _count++;
        return new(_count, action, _count >= limit, false, Info.Empty.With("count", _count));
    }
}
