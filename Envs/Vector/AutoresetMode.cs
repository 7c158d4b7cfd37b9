namespace RlFramework.Envs.Vector;

/// <summary>
/// When a vector env resets a sub-env whose episode ended (Gymnasium's <c>gymnasium.vector.AutoresetMode</c>).
/// </summary>
public enum AutoresetMode
{
    /// <summary>
    /// The step after a sub-env terminated or truncated resets it instead of stepping: that step returns the reset
    /// observation and info, reward 0 and both flags false, and the action given for it is ignored. The default.
    /// </summary>
    NextStep,

    /// <summary>
    /// A sub-env that terminates or truncates is reset within the same step: the step returns the reset observation
    /// with the finished episode's reward and flags; the final observation and info are exposed
    /// (<see cref="VectorStepResult{T}.FinalObservation"/>, info entries "final_obs" and "final_info").
    /// </summary>
    SameStep,

    /// <summary>
    /// No automatic reset: the caller resets finished sub-envs with a mask
    /// (<see cref="IVectorEnv{T, TAct}.Reset(ReadOnlySpan{bool}, int?, IReadOnlyDictionary{string, object?}?)"/>);
    /// stepping a finished sub-env is an error.
    /// </summary>
    Disabled,
}
