namespace RlFramework.Agents.Routing.Learners;

/// <summary>How a router learns its decisions (the routing MDP has γ = 1 and deterministic transitions).</summary>
public enum RouterAlgorithm
{
    /// <summary>Q-learning with ε-greedy selection: Bellman error against r + max Q(s′) (or r + final reward at the end).</summary>
    QLearning,
    /// <summary>Advantage learning (Baird): the Q-learning target minus β·(max Q(s) − Q(s, a)), widening the action gap.</summary>
    Advantage,
    /// <summary>REINFORCE: actions sampled from softmax(logits), loss −(G − b)·log π(a) with the batch-mean return as baseline b.</summary>
    Reinforce,
    /// <summary>REINFORCE acting ε-greedily on π, each decision weighted by the importance ratio π(a)/μ(a).</summary>
    ReinforceEpsilon,
    /// <summary>The weighted policy learner (Abdallah and Lesser): tabular π moved by (Q − V̄) weighted by 1 − π or π, projected onto the simplex.</summary>
    Wpl,
}
