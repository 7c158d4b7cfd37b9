namespace RlFramework.Agents;

/// <summary>
/// An agent acting in one or several envs with discrete actions and float-vector observations: it chooses actions
/// for a batch of observations, observes each batch of transitions and learns on its own schedule, and can be saved
/// and loaded. Recurrent agents keep a hidden state per env and reset it at <see cref="StartEpisode"/>.
/// </summary>
public interface IAgent : IDisposable
{
    /// <summary>The agent's name (dqn, random, ...).</summary>
    string Name { get; }

    /// <summary>The exploration rate in force (NaN when the agent has none).</summary>
    double Epsilon { get; }

    /// <summary>Env steps observed so far (summed over envs).</summary>
    long Steps { get; }

    /// <summary>Chooses one action per env; <paramref name="observations"/> holds one row per env.</summary>
    /// <param name="observations">The observations, env-major.</param>
    /// <param name="actions">Receives the actions, one per env.</param>
    /// <param name="explore">True to explore (training), false to act greedily (evaluation).</param>
    void Act(ReadOnlySpan<float> observations, Span<int> actions, bool explore);

    /// <summary>Records a step of every env and learns when its schedule says so; returns the update if it learned.</summary>
    LearnerUpdate? Observe(in Transitions transitions);

    /// <summary>Env <paramref name="envIndex"/> starts a new episode.</summary>
    void StartEpisode(int envIndex);

    /// <summary>Writes everything needed to resume exactly (networks, optimizer, replay, random state, counters) to <paramref name="folder"/>.</summary>
    void Save(string folder);

    /// <summary>Restores the state written by <see cref="Save"/>.</summary>
    void Load(string folder);
}
