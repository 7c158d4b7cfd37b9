namespace RlFramework.Agents;

/// <summary>An agent whose greedy policy can act apart from its training envs, for any number of envs.</summary>
/// <typeparam name="TAct">The action of one env: int for a Discrete space, float[] for a Box.</typeparam>
public interface IPolicySource<TAct>
{
    /// <summary>A greedy policy for <paramref name="numEnvs"/> envs that reads this agent's weights as they are when it acts.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="numEnvs"/> is not positive.</exception>
    IPolicy<TAct> CreatePolicy(int numEnvs);
}
