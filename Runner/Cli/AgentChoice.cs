using RlFramework.Envs;

namespace RlFramework.Runner.Cli;

/// <summary>The agents the CLI can run, by name.</summary>
internal static class AgentChoice
{
    public static IReadOnlyList<string> Names { get; } = ["random"];

    /// <summary>A policy for <paramref name="env"/>: the named agent's action for an observation.</summary>
    public static Func<object, object> Create(string name, IEnv env, int seed)
    {
        switch (name)
        {
            case "random":
                env.ActionSpace.Seed(seed);
                return _ => env.ActionSpace.SampleBoxed();
            default:
                throw new ArgumentException($"Unknown agent '{name}'; available: {string.Join(", ", Names)}.");
        }
    }
}
