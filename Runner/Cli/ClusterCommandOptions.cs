using System.CommandLine;
using RlFramework.Runner.Cli.Sweeps;

namespace RlFramework.Runner.Cli;

/// <summary>Options of the commands that run on an Orleans cluster (<c>rl sweep</c>, <c>rl worker</c>, <c>rl reproduce ... --cluster</c>).</summary>
internal static class ClusterCommandOptions
{
    public static Option<string?> Cluster(string description) => new("--cluster") { Description = description };

    /// <summary>The <c>--cluster</c> option of a reproduction, whose embedded silo runs <paramref name="slotsOption"/> runs at once.</summary>
    public static Option<string?> Reproduction(string slotsOption) => Cluster(
        $"Run each run as a trial on the `rl worker` silos of this PostgreSQL connection string, or '{SweepHosts.Local}' for an embedded silo on this machine with {slotsOption} slots (default: in this process).");

    public static Option<int> Slots(string description) => new("--slots")
    {
        Description = description,
        DefaultValueFactory = _ => Environment.ProcessorCount,
    };
}
