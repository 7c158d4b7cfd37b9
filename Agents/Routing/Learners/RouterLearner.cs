using RlFramework.Models;
using RlFramework.Models.Routing;

namespace RlFramework.Agents.Routing.Learners;

/// <summary>
/// A router's learning rule: how it reads the router's outputs to choose actions (greedy or exploring) and the loss
/// that trains it from a batch's decisions, per-decision rewards and final rewards. The routing MDP has γ = 1.
/// </summary>
public abstract class RouterLearner : IRouterPolicy
{
    /// <inheritdoc/>
    public virtual int Heads => 1;

    /// <summary>The learner for <paramref name="config"/>'s algorithm.</summary>
    public static RouterLearner Create(RoutingConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config.Algorithm switch
        {
            RouterAlgorithm.QLearning => new ValueRouterLearner(0),
            RouterAlgorithm.Advantage => new ValueRouterLearner(config.AdvantageBeta),
            RouterAlgorithm.Reinforce => new ReinforceRouterLearner(importanceSampling: false),
            RouterAlgorithm.ReinforceEpsilon => new ReinforceRouterLearner(importanceSampling: true),
            RouterAlgorithm.Wpl => new WplRouterLearner(),
            _ => throw new ArgumentException($"Unknown router algorithm {config.Algorithm}.", nameof(config)),
        };
    }

    /// <summary>The initial row of a tabular router (Heads·<paramref name="actions"/> values): zeros unless the learner needs otherwise.</summary>
    public virtual float[] InitialTableRow(int actions) => new float[Heads * actions];

    /// <inheritdoc/>
    public int Select(ReadOnlySpan<float> row, int actions, double epsilon, Generator? random, out bool exploratory, out float behaviour)
    {
        int greedy = Greedy(row, actions);
        (exploratory, behaviour) = (false, 1f);
        if (random is null) return greedy;
        int choice = Explore(row, actions, greedy, epsilon, random, out double probability);
        (exploratory, behaviour) = (choice != greedy, (float)probability);
        return choice;
    }

    /// <summary>The acting policy's choice given the greedy action, and the probability it gave that choice.</summary>
    protected abstract int Explore(ReadOnlySpan<float> row, int actions, int greedy, double epsilon, Generator random, out double probability);

    /// <summary>ε-greedy: a uniformly random action with probability ε, else the greedy one.</summary>
    protected static int EpsilonGreedy(int actions, int greedy, double epsilon, Generator random, out double probability)
    {
        int choice = random.NextDouble() < epsilon ? (int)random.NextInt64(actions) : greedy;
        probability = epsilon / actions + (choice == greedy ? 1 - epsilon : 0);
        return choice;
    }

    /// <summary>Draws an action with probability proportional to its (non-negative) weight.</summary>
    protected static int Draw(ReadOnlySpan<double> weights, Generator random, out double probability)
    {
        ArgumentNullException.ThrowIfNull(random);
        double total = 0;
        foreach (double w in weights) total += w;
        double u = random.NextDouble() * total, cumulative = 0;
        int choice = weights.Length - 1;
        for (int a = 0; a < weights.Length; a++)
        {
            cumulative += weights[a];
            if (u < cumulative) { choice = a; break; }
        }
        probability = weights[choice] / total;
        return choice;
    }

    /// <summary>The greedy action: the first maximum of the first head.</summary>
    public static int Greedy(ReadOnlySpan<float> row, int actions)
    {
        int best = 0;
        for (int a = 1; a < actions; a++) if (row[a] > row[best]) best = a;
        return best;
    }

    /// <summary>The router loss of a batch (summed over decisions, divided by <paramref name="batchSize"/>).</summary>
    /// <param name="decisions">The decisions of each depth, in depth order.</param>
    /// <param name="stepRewards">The per-decision rewards (collaboration), aligned with each depth's rows.</param>
    /// <param name="finalRewards">The final reward r_f of every sample.</param>
    /// <param name="weights">The router-loss weight of every sample (0 for samples kept for the modules).</param>
    /// <param name="batchSize">The number of samples B.</param>
    public abstract Tensor Loss(IReadOnlyList<RouterDecisions> decisions, IReadOnlyList<float[]> stepRewards, ReadOnlySpan<float> finalRewards,
        ReadOnlySpan<float> weights, int batchSize);

    /// <summary>Called after the optimizer step (e.g. to project a tabular policy back onto the simplex).</summary>
    public virtual void AfterStep(Router router) { }

    /// <summary>For each depth and row, the row of the same sample at the next depth, or −1 where its route ended.</summary>
    protected static int[][] NextRows(IReadOnlyList<RouterDecisions> decisions, int batchSize)
    {
        ArgumentNullException.ThrowIfNull(decisions);
        var next = new int[decisions.Count][];
        var rowOf = new int[batchSize];
        for (int d = decisions.Count - 1; d >= 0; d--)
        {
            var rows = decisions[d].Rows;
            next[d] = new int[rows.Length];
            for (int k = 0; k < rows.Length; k++) next[d][k] = d + 1 < decisions.Count ? rowOf[rows[k]] : -1;
            Array.Fill(rowOf, -1);
            for (int k = 0; k < rows.Length; k++) rowOf[rows[k]] = k;
        }
        return next;
    }

    /// <summary>
    /// The summed squared Bellman error of the Q-values in columns <paramref name="qOffset"/>.. of each depth's outputs:
    /// target r + V(next) (V from <paramref name="nextValue"/> on the next depth's row) or r + r_f at the route's end,
    /// minus β·(max Q − Q(a)) (advantage learning; β = 0 is Q-learning). Targets are constants.
    /// </summary>
    protected static Tensor? BellmanError(IReadOnlyList<RouterDecisions> decisions, IReadOnlyList<float[]> stepRewards, ReadOnlySpan<float> finalRewards,
        ReadOnlySpan<float> weights, int batchSize, int qOffset, double beta, Func<ReadOnlySpan<float>, float> nextValue)
    {
        var next = NextRows(decisions, batchSize);
        Tensor? total = null;
        for (int d = 0; d < decisions.Count; d++)
        {
            var step = decisions[d];
            int n = step.Rows.Length, width = (int)step.Outputs.shape[1];
            int actions = width - qOffset;
            var values = step.Outputs.data<float>();
            var target = new float[n];
            var w = new float[n];
            var index = new float[n];
            for (int k = 0; k < n; k++)
            {
                var q = values.Slice(k * width + qOffset, actions);
                int a = step.Actions[k];
                float bootstrap = next[d][k] >= 0
                    ? nextValue(decisions[d + 1].Outputs.data<float>().Slice(next[d][k] * width, width))
                    : finalRewards[step.Rows[k]];
                float gap = q[Greedy(q, actions)] - q[a];
                target[k] = stepRewards[d][k] + bootstrap - (float)(beta * gap);
                w[k] = weights[step.Rows[k]];
                index[k] = qOffset + a;
            }
            var qa = step.Outputs.gather(1, torch.tensor(index, [n, 1])).squeeze(1);
            var error = (qa - torch.tensor(target, [n])).pow(2) * torch.tensor(w, [n]);
            var sum = error.sum();
            total = total is null ? sum : total + sum;
        }
        return total is null ? null : total / batchSize;
    }

    /// <summary>A zero loss (a batch without decisions).</summary>
    protected static Tensor Zero() => torch.zeros(1).sum();
}
