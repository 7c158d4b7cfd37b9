namespace RlFramework.Agents.Routing.Learners;

/// <summary>The reward a routing trajectory receives at its end.</summary>
public enum FinalRewardKind
{
    /// <summary>−loss of the sample (regression, reinforcement learning).</summary>
    NegativeLoss,
    /// <summary>+1 when the sample counts as correct (e.g. right class, small TD error), −1 otherwise.</summary>
    Correctness,
}
