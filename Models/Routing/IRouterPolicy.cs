namespace RlFramework.Models.Routing;

/// <summary>
/// How a <see cref="RoutingNetwork"/> turns a router's outputs into actions, greedy or exploring. The router learners
/// (RlFramework.Agents.Routing.Learners) implement it: the network routes, the learner decides and learns.
/// </summary>
public interface IRouterPolicy
{
    /// <summary>Outputs per action the router must produce.</summary>
    int Heads { get; }

    /// <summary>Chooses an action from one row of router outputs; with no <paramref name="random"/> the greedy one.</summary>
    /// <param name="row">Heads·<paramref name="actions"/> outputs, head-major.</param>
    /// <param name="actions">The number of actions.</param>
    /// <param name="epsilon">The exploration rate in force (ε-greedy policies).</param>
    /// <param name="random">The random source, or null to act greedily.</param>
    /// <param name="exploratory">Whether the choice differs from the greedy one.</param>
    /// <param name="behaviour">The probability the acting policy gave the chosen action (1 when greedy).</param>
    int Select(ReadOnlySpan<float> row, int actions, double epsilon, Generator? random, out bool exploratory, out float behaviour);
}
