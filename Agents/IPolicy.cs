namespace RlFramework.Agents;

/// <summary>
/// A greedy policy: acts without exploring for a batch of envs of its own width, reading its agent's current weights
/// and keeping a recurrent state of its own. Evaluating through a policy never touches the agent's training state
/// (its random stream, its per-env hidden states), so it can run while the agent trains.
/// </summary>
/// <typeparam name="TAct">The action of one env: int for a Discrete space, float[] for a Box.</typeparam>
public interface IPolicy<TAct>
{
    /// <summary>The number of envs the policy acts for (the rows of an <see cref="Act"/> call).</summary>
    int NumEnvs { get; }

    /// <summary>Chooses one greedy action per env; <paramref name="observations"/> holds one row per env.</summary>
    /// <exception cref="ArgumentException">The spans do not hold <see cref="NumEnvs"/> rows.</exception>
    void Act(ReadOnlySpan<float> observations, Span<TAct> actions);

    /// <summary>Env <paramref name="envIndex"/> starts a new episode (a recurrent policy clears its state for it).</summary>
    void StartEpisode(int envIndex);
}
