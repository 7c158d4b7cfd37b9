using RlFramework.Envs.Seeding;

namespace RlFramework.Agents;

/// <summary>The random agent's policy: uniform actions from a generator of its own, so evaluating leaves the agent's stream alone.</summary>
internal sealed class RandomPolicy(int actionCount, int numEnvs, RandomGenerator random) : IPolicy<int>
{
    /// <inheritdoc/>
    public int NumEnvs { get; } = PolicyShape.RequirePositive(numEnvs);

    /// <inheritdoc/>
    public void Act(ReadOnlySpan<float> observations, Span<int> actions)
    {
        if (actions.Length != NumEnvs) throw new ArgumentException($"The random policy acts for {NumEnvs} envs; got {actions.Length} action slots.", nameof(actions));
        for (int e = 0; e < actions.Length; e++) actions[e] = (int)random.Integers(actionCount);
    }

    /// <inheritdoc/>
    public void StartEpisode(int envIndex) => PolicyShape.CheckEnv(envIndex, NumEnvs);
}
