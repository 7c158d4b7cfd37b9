using RlFramework.Agents;
using RlFramework.Agents.Dqn;
using RlFramework.Agents.Drqn;

namespace RlFramework.Runner.Cli;

/// <summary>The agents the CLI can train, by name.</summary>
internal static class AgentChoice
{
    public static IReadOnlyList<string> Names { get; } = ["random", "dqn", "drqn"];

    /// <summary>Builds the named agent; <paramref name="configJson"/> (DQN, DRQN) overrides its default hyperparameters.</summary>
    /// <param name="name">The agent's name.</param>
    /// <param name="observationSize">The length of an observation.</param>
    /// <param name="actionCount">The number of discrete actions.</param>
    /// <param name="numEnvs">The number of envs the agent acts in.</param>
    /// <param name="seed">The root seed.</param>
    /// <param name="configJson">The agent's JSON config, or null for its defaults.</param>
    /// <param name="totalSteps">The run's env-step budget when given on the command line (it sets the exploration schedule).</param>
    public static IAgent Create(string name, int observationSize, int actionCount, int numEnvs, long seed, string? configJson, long? totalSteps)
    {
        Validate(name, configJson);
        if (name == "random") return new RandomAgent(actionCount, numEnvs, seed);
        if (name == "drqn") return new DrqnAgent(configJson is null ? new DrqnConfig() : DrqnConfig.FromJson(configJson), observationSize, actionCount, numEnvs, seed);
        var config = configJson is null ? new DqnConfig() : DqnConfig.FromJson(configJson);
        if (totalSteps is long steps) config = config with { TotalTimesteps = Math.Max(1, steps / numEnvs) };
        return new DqnAgent(config, observationSize, actionCount, numEnvs, seed);
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

    /// <summary>The env-step budget when none is given: the DQN config's total (iterations × envs), else 500,000.</summary>
    public static long DefaultBudget(string name, string? configJson, int numEnvs) =>
        name == "dqn" ? (configJson is null ? new DqnConfig() : DqnConfig.FromJson(configJson)).TotalTimesteps * numEnvs : 500_000;
}
