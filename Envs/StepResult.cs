namespace RlFramework.Envs;

/// <summary>
/// What <see cref="IEnv{TObs, TAct}.Step"/> returns. <see cref="Terminated"/>: the MDP reached a terminal state;
/// <see cref="Truncated"/>: the episode was cut by something outside the MDP (usually a time limit). After either, call Reset.
/// </summary>
/// <typeparam name="TObs">The observation type.</typeparam>
/// <param name="Observation">The observation after the step (for array observations, a buffer the env reuses on its next call: copy it to keep it).</param>
/// <param name="Reward">The reward of the step.</param>
/// <param name="Terminated">True when a terminal state of the MDP was reached.</param>
/// <param name="Truncated">True when the episode was cut short by a condition outside the MDP.</param>
/// <param name="Info">Auxiliary diagnostics.</param>
public readonly record struct StepResult<TObs>(TObs Observation, double Reward, bool Terminated, bool Truncated, Info Info)
{
    /// <summary>True when the episode ended either way.</summary>
    public bool Done => Terminated || Truncated;
}
