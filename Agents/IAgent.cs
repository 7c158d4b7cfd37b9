namespace RlFramework.Agents;

/// <summary>
/// An agent acting in one or several envs with float-vector observations: it chooses actions for a batch of
/// observations, observes each batch of transitions and learns on its own schedule, and can be saved and loaded.
/// Recurrent agents keep a hidden state per env and reset it at <see cref="IAgentCore.StartEpisode"/>.
/// </summary>
/// <typeparam name="TAct">The action of one env: int for a Discrete space, float[] for a Box.</typeparam>
public interface IAgent<TAct> : IAgentCore
{
    /// <summary>Chooses one action per env; <paramref name="observations"/> holds one row per env.</summary>
    /// <param name="observations">The observations, env-major.</param>
    /// <param name="actions">Receives the actions, one per env (a Box agent stores arrays of its own there, valid until its next call).</param>
    /// <param name="explore">True to explore (training), false to act greedily (evaluation).</param>
    void Act(ReadOnlySpan<float> observations, Span<TAct> actions, bool explore);

    /// <summary>Records a step of every env and learns when its schedule says so; returns the update if it learned.</summary>
    LearnerUpdate? Observe(in Transitions<TAct> transitions);
}
