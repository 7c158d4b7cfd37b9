namespace RlFramework.Models.Routing;

/// <summary>
/// Q-learning (β = 0) and advantage learning (β &gt; 0): the router outputs Q(s, a); actions are ε-greedy; the loss is
/// the squared error against r + max Q(s′, ·) (r + r_f at the end) − β·(max Q(s, ·) − Q(s, a)).
/// </summary>
public sealed class ValueRouterLearner(double beta) : RouterLearner
{
    /// <summary>The advantage-learning factor β (0: plain Q-learning).</summary>
    public double Beta { get; } = beta is >= 0 and < 1 ? beta : throw new ArgumentOutOfRangeException(nameof(beta), beta, "β must be in [0, 1).");

    /// <inheritdoc/>
    public override int Select(ReadOnlySpan<float> row, int actions, double epsilon, Generator? random, out bool exploratory, out float behaviour)
    {
        int greedy = Greedy(row, actions);
        exploratory = false;
        behaviour = 1f;
        if (random is null) return greedy;
        behaviour = (float)(epsilon / actions);
        if (random.NextDouble() < epsilon)
        {
            int a = (int)random.NextInt64(actions);
            exploratory = a != greedy;
            if (a == greedy) behaviour += (float)(1 - epsilon);
            return a;
        }
        behaviour += (float)(1 - epsilon);
        return greedy;
    }

    /// <inheritdoc/>
    public override Tensor Loss(IReadOnlyList<RouterDecisions> decisions, IReadOnlyList<float[]> stepRewards, ReadOnlySpan<float> finalRewards,
        ReadOnlySpan<float> weights, int batchSize) =>
        BellmanError(decisions, stepRewards, finalRewards, weights, batchSize, 0, Beta, row => row[Greedy(row, row.Length)]) ?? Zero();
}
