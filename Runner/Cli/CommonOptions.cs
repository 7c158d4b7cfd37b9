using System.CommandLine;

namespace RlFramework.Runner.Cli;

/// <summary>Options several commands share, built fresh for each command.</summary>
internal static class CommonOptions
{
    public static Option<string> Env(string defaultId = "CartPole-v1") => new("--env")
    {
        Description = "The registered env id (see `rl envs`).",
        DefaultValueFactory = _ => defaultId,
    };

    public static Option<int> Seed() => new("--seed")
    {
        Description = "The root seed: env resets and the agent's random choices derive from it.",
        DefaultValueFactory = _ => 0,
    };

    public static Option<string> Agent() => new("--agent")
    {
        Description = "The agent: " + string.Join(", ", AgentChoice.Names) + ".",
        DefaultValueFactory = _ => "random",
    };

    public static Option<int> Episodes(int defaultCount) => new("--episodes")
    {
        Description = "How many episodes to run.",
        DefaultValueFactory = _ => defaultCount,
    };

    /// <summary>The message without the " (Parameter 'x')" that ArgumentException appends: the message already names the value.</summary>
    private static string WithoutParameterSuffix(Exception e) =>
        e is ArgumentException { ParamName: { } name } && e.Message.EndsWith($" (Parameter '{name}')", StringComparison.Ordinal)
            ? e.Message[..^$" (Parameter '{name}')".Length]
            : e.Message;

    /// <summary>Runs <paramref name="body"/>, turning a bad-input exception into one clear line on stderr and exit code 2.</summary>
    public static int Guard(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException or Renders.MissingDependencyException)
        {
            Console.Error.WriteLine($"error: {WithoutParameterSuffix(e)}");
            return 2;
        }
    }
}
