namespace RlFramework.Agents;

/// <summary>
/// One step of a batch of envs as an agent observes it: row i of each span belongs to env i. For an env whose episode
/// ended, <see cref="NextObservations"/> holds its final observation (not the reset one).
/// </summary>
/// <typeparam name="TAct">The action of one env: int for a Discrete space, float[] for a Box.</typeparam>
public readonly ref struct Transitions<TAct>
{
    /// <summary>Bundles the spans of one step.</summary>
    public Transitions(ReadOnlySpan<float> observations, ReadOnlySpan<TAct> actions, ReadOnlySpan<double> rewards,
        ReadOnlySpan<float> nextObservations, ReadOnlySpan<bool> terminated, ReadOnlySpan<bool> truncated)
    {
        int envs = actions.Length;
        if (rewards.Length != envs || terminated.Length != envs || truncated.Length != envs)
            throw new ArgumentException($"Transitions need one action, reward and flag pair per env; got {actions.Length} actions, {rewards.Length} rewards, {terminated.Length}/{truncated.Length} flags.");
        if (envs == 0 || observations.Length % envs != 0 || observations.Length != nextObservations.Length)
            throw new ArgumentException($"Transitions need equal observation and next-observation rows for {envs} envs; got {observations.Length} and {nextObservations.Length} values.");
        Observations = observations;
        Actions = actions;
        Rewards = rewards;
        NextObservations = nextObservations;
        Terminated = terminated;
        Truncated = truncated;
    }

    /// <summary>The observations the actions were chosen on, env-major.</summary>
    public ReadOnlySpan<float> Observations { get; }
    /// <summary>The actions taken.</summary>
    public ReadOnlySpan<TAct> Actions { get; }
    /// <summary>The rewards received.</summary>
    public ReadOnlySpan<double> Rewards { get; }
    /// <summary>The observations after the step (the final one where the episode ended).</summary>
    public ReadOnlySpan<float> NextObservations { get; }
    /// <summary>True where the MDP terminated (no bootstrapping).</summary>
    public ReadOnlySpan<bool> Terminated { get; }
    /// <summary>True where the episode was cut short (bootstrap from the final observation).</summary>
    public ReadOnlySpan<bool> Truncated { get; }
    /// <summary>The number of envs.</summary>
    public int NumEnvs => Actions.Length;
    /// <summary>The length of one observation.</summary>
    public int ObservationSize => Observations.Length / Actions.Length;
}
