using RlFramework.Models;
using RlFramework.Models.Modules;

namespace RlFramework.Agents.Dqn;

/// <summary>DQN's greedy policy: the arg-max of the online Q-network, for any number of envs.</summary>
internal sealed class DqnPolicy(Module<Tensor, Tensor> q, int observationSize, int actionCount, int numEnvs) : IPolicy<int>
{
    /// <inheritdoc/>
    public int NumEnvs { get; } = PolicyShape.RequirePositive(numEnvs);

    /// <inheritdoc/>
    public void Act(ReadOnlySpan<float> observations, Span<int> actions)
    {
        PolicyShape.Check("DQN", NumEnvs, observationSize, observations.Length, actions.Length);
        actions.Fill(-1);
        QValues.FillGreedy(q, observations, actions, observationSize, actionCount);
    }

    /// <inheritdoc/>
    public void StartEpisode(int envIndex) => PolicyShape.CheckEnv(envIndex, NumEnvs);
}
