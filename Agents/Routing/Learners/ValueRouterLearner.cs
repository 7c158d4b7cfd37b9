using RlFramework.Models;
using RlFramework.Models.Routing;

namespace RlFramework.Agents.Routing.Learners;

/// <summary>
/// Q-learning (β = 0) and advantage learning (β &gt; 0): the router outputs Q(s, a); actions are ε-greedy; the loss is
/// the squared error against r + max Q(s′, ·) (r + r_f at the end) − β·(max Q(s, ·) − Q(s, a)).
/// </summary>
public sealed class ValueRouterLearner(double beta) : RouterLearner
{
    /// <summary>The advantage-learning factor β (0: plain Q-learning).</summary>
    public double Beta { get; } = beta is >= 0 and < 1 ? beta : throw new ArgumentOutOfRangeException(nameof(beta), beta, "β must be in [0, 1).");

    /// <inheritdoc/>
    protected override int Explore(ReadOnlySpan<float> row, int actions, int greedy, double epsilon, Generator random, out double probability) =>
        EpsilonGreedy(actions, greedy, epsilon, random, out probability);

    /// <inheritdoc/>
    public override Tensor Loss(IReadOnlyList<RouterDecisions> decisions, IReadOnlyList<float[]> stepRewards, ReadOnlySpan<float> finalRewards,
        ReadOnlySpan<float> weights, int batchSize) =>
        BellmanError(decisions, stepRewards, finalRewards, weights, batchSize, 0, Beta, row => row[Greedy(row, row.Length)]) ?? Zero();
}
