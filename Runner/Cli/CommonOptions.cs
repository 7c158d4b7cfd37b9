using System.CommandLine;
using System.CommandLine.Parsing;

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
    private static string WithoutParameterSuffix(Exception e)
    {
        if (e is not ArgumentException { ParamName: { } name }) return e.Message;
        // ArgumentOutOfRangeException appends "\nActual value was ..." after the suffix; the message already names the value.
        string message = e is ArgumentOutOfRangeException ? e.Message.Split('\n')[0] : e.Message;
        string suffix = $" (Parameter '{name}')";
        return message.EndsWith(suffix, StringComparison.Ordinal) ? message[..^suffix.Length] : message;
    }

    /// <summary>The global option that adds stack traces to error messages.</summary>
    public static Option<bool> Verbose() => new("--verbose")
    {
        Description = "On an error, also print the stack trace.",
        Recursive = true,
    };

    /// <summary>
    /// Runs <paramref name="body"/> as the one error path of every command: any exception becomes one <c>error:</c>
    /// line on stderr (with the stack trace only under <c>--verbose</c>) and exit code 2 for bad input, files or
    /// environment, 1 for an internal error (a bug, said as such).
    /// </summary>
    public static int Guard(ParseResult result, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Exception e)
        {
            bool internalError = e is NullReferenceException or IndexOutOfRangeException or InvalidCastException or NotImplementedException;
            Console.Error.WriteLine(internalError
                ? $"error: internal error ({e.GetType().Name}: {e.Message}); please report it with the output of --verbose"
                : $"error: {Describe(e)}");
            if (result.Tokens.Any(token => token is { Type: TokenType.Option, Value: "--verbose" })) Console.Error.WriteLine(e);
            return internalError ? 1 : 2;
        }
    }

    /// <summary>The message of <paramref name="e"/>, with what to do where the exception's own message does not say it.</summary>
    private static string Describe(Exception e) => e switch
    {
        UnauthorizedAccessException => $"{e.Message} Check the folder's permissions or choose another --out.",
        Microsoft.Data.Sqlite.SqliteException sqlite => $"the run registry cannot be read ({sqlite.Message}); `rl runs --rebuild` rebuilds it from the run folders.",
        OutOfMemoryException => "out of memory; lower the buffer or batch sizes.",
        _ => WithoutParameterSuffix(e),
    };
}
