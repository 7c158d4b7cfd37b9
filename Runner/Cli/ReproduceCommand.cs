using System.CommandLine;

namespace RlFramework.Runner.Cli;

/// <summary><c>rl reproduce &lt;experiment&gt;</c>: the research results the framework reproduces, one subcommand each.</summary>
internal static class ReproduceCommand
{
    public static Command Create() => new("reproduce", "Reproduce a paper's headline result and print its table.")
    {
        ReproduceAsiCommand.Create(),
        EPropDrqnCommand.Create(),
        EPropTcaCommand.Create(),
        RoboRallyReproduceCommand.Create(),
        ReproduceRoutingCommand.Create(),
    };
}
