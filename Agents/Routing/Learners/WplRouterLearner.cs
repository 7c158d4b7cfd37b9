using RlFramework.Models;
using RlFramework.Models.Routing;

namespace RlFramework.Agents.Routing.Learners;

/// <summary>
/// The weighted policy learner (Abdallah and Lesser 2006) on a tabular router with two heads: a policy π and its
/// Q-values. Actions are sampled from π. Q is learned by the Bellman error against r + Σ π′Q′ (r + r_f at the end);
/// π moves by Δπ(a) = (Q(a) − V̄)·(1 − π(a)) where Q(a) &gt; V̄, (Q(a) − V̄)·π(a) elsewhere, V̄ = Σ π Q, scaled by the
/// router's learning rate, then each row is projected back onto the probability simplex.
/// </summary>
public sealed class WplRouterLearner : RouterLearner
{
    /// <inheritdoc/>
    public override int Heads => 2;

    /// <summary>A uniform policy and zero Q-values.</summary>
    public override float[] InitialTableRow(int actions)
    {
        var row = new float[2 * actions];
        Array.Fill(row, 1f / actions, 0, actions);
        return row;
    }

    /// <inheritdoc/>
    protected override int Explore(ReadOnlySpan<float> row, int actions, int greedy, double epsilon, Generator random, out double probability)
    {
        var weights = new double[actions];
        for (int a = 0; a < actions; a++) weights[a] = Math.Max(row[a], 0);
        return Draw(weights, random, out probability);
    }

    /// <summary>V̄ = Σ π(a)·Q(a) of one row (π then Q).</summary>
    public static float ExpectedValue(ReadOnlySpan<float> row)
    {
        int actions = row.Length / 2;
        double value = 0;
        for (int a = 0; a < actions; a++) value += row[a] * row[actions + a];
        return (float)value;
    }

    /// <summary>WPL's policy change Δπ of one row (π then Q) into <paramref name="delta"/>.</summary>
    public static void PolicyChange(ReadOnlySpan<float> row, Span<float> delta)
    {
        int actions = row.Length / 2;
        float mean = ExpectedValue(row);
        for (int a = 0; a < actions; a++)
        {
            float difference = row[actions + a] - mean;
            delta[a] = difference * (difference > 0 ? 1 - row[a] : row[a]);
        }
    }

    /// <inheritdoc/>
    public override Tensor Loss(IReadOnlyList<RouterDecisions> decisions, IReadOnlyList<float[]> stepRewards, ReadOnlySpan<float> finalRewards,
        ReadOnlySpan<float> weights, int batchSize)
    {
        Tensor? total = null;
        foreach (var step in decisions)
        {
            int n = step.Rows.Length, width = (int)step.Outputs.shape[1];
            var values = step.Outputs.data<float>();
            var coefficient = new float[n * width];
            for (int k = 0; k < n; k++)
            {
                var delta = coefficient.AsSpan(k * width, width / 2);
                PolicyChange(values.Slice(k * width, width), delta);
                float w = weights[step.Rows[k]];
                foreach (ref float c in delta) c *= -w; // gradient −Δπ: an SGD step moves π by +lr·Δπ
            }
            var sum = (step.Outputs * torch.tensor(coefficient, [n, width])).sum();
            total = total is null ? sum : total + sum;
        }
        var policyLoss = total is null ? Zero() : total / batchSize;
        var qLoss = BellmanError(decisions, stepRewards, finalRewards, weights, batchSize, decisions.Count > 0 ? (int)decisions[0].Outputs.shape[1] / 2 : 0,
            0, ExpectedValue);
        return qLoss is null ? policyLoss : policyLoss + qLoss;
    }

    /// <summary>Projects the router's policy rows back onto the simplex.</summary>
    /// <exception cref="ArgumentException">The router is not tabular (WPL needs <see cref="TaskDispatchedRouter"/>).</exception>
    public override void AfterStep(Router router)
    {
        if (router is not TaskDispatchedRouter table)
            throw new ArgumentException($"WPL learns a tabular policy and needs a {nameof(TaskDispatchedRouter)}; got {router?.GetName() ?? "null"}.", nameof(router));
        table.ProjectRowsToSimplex(table.Actions);
    }
}
