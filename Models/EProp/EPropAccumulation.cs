namespace RlFramework.Models.EProp;

/// <summary>Which time steps' learning signals form the e-prop gradient.</summary>
public enum EPropAccumulation
{
    /// <summary>Σ_t L_j(t) e_ji(t): every step with an error contributes.</summary>
    AllSteps,
    /// <summary>L_j(T) e_ji(T): only the final step of each sequence (plus the trace echo term when λ_echo &gt; 0).</summary>
    FinalStep,
}
