namespace RlFramework.Agents;

/// <summary>
/// What every agent has whatever its action type: a name, its counters, episode boundaries and a checkpoint it can
/// save and load. <see cref="IAgent{TAct}"/> adds acting and learning.
/// </summary>
public interface IAgentCore : IDisposable
{
    /// <summary>The agent's name (dqn, ppo, random, ...).</summary>
    string Name { get; }

    /// <summary>The exploration rate in force (NaN when the agent has none).</summary>
    double Epsilon { get; }

    /// <summary>Env steps observed so far (summed over envs).</summary>
    long Steps { get; }

    /// <summary>Env <paramref name="envIndex"/> starts a new episode.</summary>
    void StartEpisode(int envIndex);

    /// <summary>Writes everything needed to resume exactly (networks, optimizer, replay, random state, counters) to <paramref name="folder"/>.</summary>
    void Save(string folder);

    /// <summary>Restores the state written by <see cref="Save"/>.</summary>
    void Load(string folder);
}
