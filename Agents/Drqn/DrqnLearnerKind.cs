namespace RlFramework.Agents.Drqn;

/// <summary>How <see cref="DrqnAgent"/> computes the gradient of its LSTM.</summary>
public enum DrqnLearnerKind
{
    /// <summary>Backprop through time: autograd through the whole window.</summary>
    Bptt,
    /// <summary>e-prop: online eligibility traces, memory independent of the window length.</summary>
    EProp,
}
