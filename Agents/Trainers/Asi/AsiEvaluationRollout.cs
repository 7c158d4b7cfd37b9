namespace RlFramework.Agents.Trainers.Asi;

/// <summary>How many model steps an evaluation rollout takes.</summary>
public enum AsiEvaluationRollout
{
    /// <summary>As the authors: the 99th percentile of the lengths (links) of the recent training chains, plus 1.</summary>
    TrainingChains,

    /// <summary>Enough steps to span the whole clip at the smallest skip: ⌈(T − 1)/Δt⌉ (Δt = 1 for ASI).</summary>
    FullClip,
}
