using System.CommandLine;

namespace RlFramework.Runner.Cli;

/// <summary>Options of the commands that run on an Orleans cluster (<c>rl sweep</c>, <c>rl worker</c>).</summary>
internal static class ClusterCommandOptions
{
    public static Option<string?> Cluster(string description) => new("--cluster") { Description = description };

    public static Option<int> Slots(string description) => new("--slots")
    {
        Description = description,
        DefaultValueFactory = _ => Environment.ProcessorCount,
    };
}
