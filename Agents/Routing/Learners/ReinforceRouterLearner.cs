using RlFramework.Models;
using RlFramework.Models.Routing;

namespace RlFramework.Agents.Routing.Learners;

/// <summary>
/// REINFORCE: the router outputs logits; actions are sampled from π = softmax (or, with importance sampling, chosen
/// ε-greedily on π and weighted by π(a)/μ(a)); the loss is −ρ·(G − b)·log π(a), G the return from the decision on
/// (per-decision rewards plus r_f) and b the weighted batch mean of G at that depth.
/// </summary>
public sealed class ReinforceRouterLearner(bool importanceSampling) : RouterLearner
{
    /// <summary>Whether actions are ε-greedy on π with importance weights (otherwise sampled from π).</summary>
    public bool ImportanceSampling { get; } = importanceSampling;

    /// <summary>softmax(<paramref name="logits"/>)[<paramref name="action"/>], in double precision.</summary>
    public static double Probability(ReadOnlySpan<float> logits, int action)
    {
        double max = double.NegativeInfinity, sum = 0;
        foreach (float v in logits) max = Math.Max(max, v);
        foreach (float v in logits) sum += Math.Exp(v - max);
        return Math.Exp(logits[action] - max) / sum;
    }

    /// <inheritdoc/>
    protected override int Explore(ReadOnlySpan<float> row, int actions, int greedy, double epsilon, Generator random, out double probability)
    {
        if (ImportanceSampling) return EpsilonGreedy(actions, greedy, epsilon, random, out probability);
        var logits = row[..actions];
        var pi = new double[actions];
        for (int a = 0; a < actions; a++) pi[a] = Probability(logits, a);
        return Draw(pi, random, out probability);
    }

    /// <inheritdoc/>
    public override Tensor Loss(IReadOnlyList<RouterDecisions> decisions, IReadOnlyList<float[]> stepRewards, ReadOnlySpan<float> finalRewards,
        ReadOnlySpan<float> weights, int batchSize)
    {
        var next = NextRows(decisions, batchSize);
        var returns = new float[decisions.Count][];
        for (int d = decisions.Count - 1; d >= 0; d--)
        {
            var rows = decisions[d].Rows;
            returns[d] = new float[rows.Length];
            for (int k = 0; k < rows.Length; k++)
                returns[d][k] = stepRewards[d][k] + (next[d][k] >= 0 ? returns[d + 1][next[d][k]] : finalRewards[rows[k]]);
        }
        Tensor? total = null;
        for (int d = 0; d < decisions.Count; d++)
        {
            var step = decisions[d];
            int n = step.Rows.Length, actions = (int)step.Outputs.shape[1];
            double weightSum = 0, weighted = 0;
            for (int k = 0; k < n; k++) { weightSum += weights[step.Rows[k]]; weighted += weights[step.Rows[k]] * returns[d][k]; }
            double baseline = weightSum > 0 ? weighted / weightSum : 0;
            var values = step.Outputs.data<float>();
            var coefficient = new float[n];
            var index = new float[n];
            for (int k = 0; k < n; k++)
            {
                int a = step.Actions[k];
                double rho = ImportanceSampling ? Probability(values.Slice(k * actions, actions), a) / step.BehaviourProbabilities[k] : 1;
                coefficient[k] = (float)(rho * weights[step.Rows[k]] * (returns[d][k] - baseline));
                index[k] = a;
            }
            var logProbability = step.Outputs.log_softmax(1).gather(1, torch.tensor(index, [n, 1])).squeeze(1);
            var sum = -(logProbability * torch.tensor(coefficient, [n])).sum();
            total = total is null ? sum : total + sum;
        }
        return total is null ? Zero() : total / batchSize;
    }
}
