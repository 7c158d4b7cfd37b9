using RlFramework.Agents;
using RlFramework.Agents.Dqn;
using RlFramework.Agents.Drqn;
using RlFramework.Agents.Ppo;
using RlFramework.Envs.Spaces;
using RlFramework.Runner.Training;

namespace RlFramework.Runner.Cli;

/// <summary>
/// The agents the CLI can train, by name. PPO picks its head from the env's action space: categorical for Discrete,
/// Gaussian for a Box (with CleanRL's continuous defaults); the other agents need Discrete actions.
/// </summary>
internal static class AgentChoice
{
    public static IReadOnlyList<string> Names { get; } = ["random", "dqn", "drqn", "ppo"];

    /// <summary>Builds the named agent from its effective config (<see cref="EffectiveConfig"/>; null for the random agent).</summary>
    /// <param name="name">The agent's name.</param>
    /// <param name="observationSize">The length of an observation.</param>
    /// <param name="actionSpace">The env's action space.</param>
    /// <param name="numEnvs">The number of envs the agent acts in.</param>
    /// <param name="seed">The root seed.</param>
    /// <param name="configJson">The agent's full JSON config, or null for its defaults.</param>
    /// <param name="threads">The agent's thread budget (the Q-agents' matrix products; PPO runs on the calling thread).</param>
    public static IAgentCore Create(string name, int observationSize, ISpace actionSpace, int numEnvs, long seed, string? configJson, int threads)
    {
        bool continuous = actionSpace is Box<float>;
        Validate(name, configJson, continuous);
        if (name == "ppo")
        {
            var ppo = configJson is null ? PpoConfig.Defaults(continuous) with { NumEnvs = numEnvs } : PpoConfig.FromJson(configJson, continuous);
            return actionSpace is Box<float> box ? new ContinuousPpoAgent(ppo, observationSize, box, numEnvs, seed)
                : new PpoAgent(ppo, observationSize, ActionCount(name, actionSpace), numEnvs, seed);
        }
        int actionCount = ActionCount(name, actionSpace);
        switch (name)
        {
            case "random":
                return new RandomAgent(actionCount, numEnvs, seed);
            case "drqn":
                var drqn = configJson is null ? new DrqnConfig() : DrqnConfig.FromJson(configJson);
                ReplayMemory.Check("DRQN", drqn.BufferSize, observationSize);
                return new DrqnAgent(drqn, observationSize, actionCount, numEnvs, seed, threads);
            default:
                var dqn = configJson is null ? new DqnConfig() : DqnConfig.FromJson(configJson);
                ReplayMemory.Check("DQN", dqn.BufferSize, observationSize);
                return new DqnAgent(dqn, observationSize, actionCount, numEnvs, seed, threads);
        }
    }

    private static int ActionCount(string name, ISpace actionSpace) => actionSpace is Discrete discrete ? discrete.N
        : throw new ArgumentException($"The {name} agent needs Discrete actions; the env acts in {actionSpace}.");

    /// <summary>
    /// Whether <paramref name="envId"/> acts in a Box of floats (continuous actions); throws when the agent
    /// <paramref name="name"/> cannot act there (every agent but PPO needs Discrete actions).
    /// </summary>
    public static bool IsContinuous(string name, string envId)
    {
        var space = TrainingRun.Spaces(envId).ActionSpace;
        if (space is not Box<float>) return false;
        if (name != "ppo" && Names.Contains(name))
            throw new ArgumentException($"{envId} has the action space {space}; the {name} agent needs Discrete actions (ppo also trains on Box actions).");
        return true;
    }

    /// <summary>Throws when the agent name is unknown or its config is invalid, before anything is built or registered.</summary>
    /// <param name="name">The agent's name.</param>
    /// <param name="configJson">The agent's JSON config, or null.</param>
    /// <param name="continuous">Whether the env's actions are a Box (PPO's defaults depend on it).</param>
    public static void Validate(string name, string? configJson, bool continuous)
    {
        switch (name)
        {
            case "random" when configJson is not null: throw new ArgumentException("The random agent takes no --config.");
            case "random": return;
            case "dqn": _ = configJson is null ? null : DqnConfig.FromJson(configJson); return;
            case "drqn": _ = configJson is null ? null : DrqnConfig.FromJson(configJson); return;
            case "ppo": _ = configJson is null ? null : PpoConfig.FromJson(configJson, continuous); return;
            default: throw new ArgumentException($"Unknown agent '{name}'; available: {string.Join(", ", Names)}.");
        }
    }

    /// <summary>
    /// The full config the agent trains with (every field, defaults filled in), as JSON: what run.json and TensorBoard
    /// record. DQN's exploration schedule follows <paramref name="budget"/>: total_timesteps for a budget in steps
    /// (per env, as CleanRL's global_step), total_episodes for one in episodes. PPO's total_timesteps (its
    /// learning-rate annealing) is a budget in steps, its num_envs the run's. Null for the random agent.
    /// </summary>
    public static string? EffectiveConfig(string name, string? configJson, TrainingBudget budget, int numEnvs, bool continuous)
    {
        Validate(name, configJson, continuous);
        switch (name)
        {
            case "random":
                return null;
            case "drqn":
                return (configJson is null ? new DrqnConfig() : DrqnConfig.FromJson(configJson)).ToJson();
            case "ppo":
                var ppo = configJson is null ? PpoConfig.Defaults(continuous) : PpoConfig.FromJson(configJson, continuous);
                ppo = ppo with { NumEnvs = numEnvs, TotalTimesteps = budget.Steps ?? ppo.TotalTimesteps };
                ppo.Validate();
                return ppo.ToJson();
            default:
                var dqn = configJson is null ? new DqnConfig() : DqnConfig.FromJson(configJson);
                return (budget.Steps is long steps
                    ? dqn with { TotalTimesteps = Math.Max(1, steps / numEnvs), TotalEpisodes = null }
                    : dqn with { TotalEpisodes = budget.Episodes }).ToJson();
        }
    }

    /// <summary>The env-step budget when none is given: the DQN or PPO config's total, else 500,000.</summary>
    public static long DefaultBudget(string name, string? configJson, int numEnvs, bool continuous) => name switch
    {
        "dqn" => (configJson is null ? new DqnConfig() : DqnConfig.FromJson(configJson)).TotalTimesteps * numEnvs,
        "ppo" => (configJson is null ? PpoConfig.Defaults(continuous) : PpoConfig.FromJson(configJson, continuous)).TotalTimesteps,
        _ => 500_000,
    };

    /// <summary>The number of envs when --num-envs is not given: PPO's config num_envs (4 for Discrete, 1 for a Box), else 1.</summary>
    public static int DefaultNumEnvs(string name, string? configJson, bool continuous) => name == "ppo"
        ? (configJson is null ? PpoConfig.Defaults(continuous) : PpoConfig.FromJson(configJson, continuous)).NumEnvs
        : 1;
}
