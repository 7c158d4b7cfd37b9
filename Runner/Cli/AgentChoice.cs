using RlFramework.Agents;
using RlFramework.Agents.Dqn;
using RlFramework.Agents.Drqn;
using RlFramework.Runner.Training;

namespace RlFramework.Runner.Cli;

/// <summary>The agents the CLI can train, by name.</summary>
internal static class AgentChoice
{
    public static IReadOnlyList<string> Names { get; } = ["random", "dqn", "drqn"];

    /// <summary>Builds the named agent from its effective config (<see cref="EffectiveConfig"/>; null for the random agent).</summary>
    /// <param name="name">The agent's name.</param>
    /// <param name="observationSize">The length of an observation.</param>
    /// <param name="actionCount">The number of discrete actions.</param>
    /// <param name="numEnvs">The number of envs the agent acts in.</param>
    /// <param name="seed">The root seed.</param>
    /// <param name="configJson">The agent's full JSON config, or null for its defaults.</param>
    /// <param name="threads">The agent's thread budget.</param>
    public static IAgent Create(string name, int observationSize, int actionCount, int numEnvs, long seed, string? configJson, int threads)
    {
        Validate(name, configJson);
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

    /// <summary>Throws when the agent name is unknown or its config is invalid, before anything is built or registered.</summary>
    public static void Validate(string name, string? configJson)
    {
        switch (name)
        {
            case "random" when configJson is not null: throw new ArgumentException("The random agent takes no --config.");
            case "random": return;
            case "dqn": _ = configJson is null ? null : DqnConfig.FromJson(configJson); return;
            case "drqn": _ = configJson is null ? null : DrqnConfig.FromJson(configJson); return;
            default: throw new ArgumentException($"Unknown agent '{name}'; available: {string.Join(", ", Names)}.");
        }
    }

    /// <summary>
    /// The full config the agent trains with (every field, defaults filled in), as JSON: what run.json and TensorBoard
    /// record. DQN's exploration schedule follows <paramref name="budget"/>: total_timesteps for a budget in steps
    /// (per env, as CleanRL's global_step), total_episodes for one in episodes. Null for the random agent.
    /// </summary>
    public static string? EffectiveConfig(string name, string? configJson, TrainingBudget budget, int numEnvs)
    {
        Validate(name, configJson);
        switch (name)
        {
            case "random":
                return null;
            case "drqn":
                return (configJson is null ? new DrqnConfig() : DrqnConfig.FromJson(configJson)).ToJson();
            default:
                var dqn = configJson is null ? new DqnConfig() : DqnConfig.FromJson(configJson);
                return (budget.Steps is long steps
                    ? dqn with { TotalTimesteps = Math.Max(1, steps / numEnvs), TotalEpisodes = null }
                    : dqn with { TotalEpisodes = budget.Episodes }).ToJson();
        }
    }

    /// <summary>The env-step budget when none is given: the DQN config's total (iterations × envs), else 500,000.</summary>
    public static long DefaultBudget(string name, string? configJson, int numEnvs) =>
        name == "dqn" ? (configJson is null ? new DqnConfig() : DqnConfig.FromJson(configJson)).TotalTimesteps * numEnvs : 500_000;
}
