using System.CommandLine;
using System.CommandLine.Parsing;

namespace RlFramework.Runner.Cli;

/// <summary>The <c>rl</c> command line: its root command and every subcommand.</summary>
public static class RlCommand
{
    /// <summary>Builds the root command.</summary>
    public static RootCommand Create()
    {
        var root = new RootCommand("RlFramework: Gymnasium-style environments and agents in C#. Train headless, record videos, check and benchmark envs.");
        root.Options.Add(CommonOptions.Verbose());
        root.Subcommands.Add(EnvsCommand.Create());
        root.Subcommands.Add(CheckEnvCommand.Create());
        root.Subcommands.Add(TrainCommand.Create());
        root.Subcommands.Add(RenderCommand.Create());
        root.Subcommands.Add(RecordCommand.Create());
        root.Subcommands.Add(EvalCommand.Create());
        root.Subcommands.Add(RunsCommand.Create());
        root.Subcommands.Add(PlotCommand.Create());
        root.Subcommands.Add(ReportCommand.Create());
        root.Subcommands.Add(DatasetCommand.Create());
        root.Subcommands.Add(LabelsCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        root.Subcommands.Add(ReproduceCommand.Create());
        root.Subcommands.Add(SweepCommand.Create());
        root.Subcommands.Add(WorkerCommand.Create());
        return root;
    }

    /// <summary>
    /// Parses and runs <paramref name="args"/>. Words the command line does not take (an unknown option or command, a
    /// missing or unparsable value) end as one <c>error:</c> line naming the first of them and exit code 2, as every
    /// other bad input does; help and valid commands run as usual.
    /// </summary>
    /// <returns>The command's exit code.</returns>
    public static int Run(string[] args)
    {
        var parsed = Create().Parse(args);
        if (parsed.Errors.Count == 0) return parsed.Invoke();
        var names = new List<string>();
        for (SymbolResult? result = parsed.CommandResult; result is CommandResult commandResult; result = commandResult.Parent) names.Add(commandResult.Command.Name);
        names[^1] = "rl"; // the root command's name is the executable's
        names.Reverse();
        string command = string.Join(' ', names);
        string problem = parsed.UnmatchedTokens.Count > 0 ? $"'{parsed.UnmatchedTokens[0]}' is not an option or command of `{command}`." : parsed.Errors[0].Message;
        Console.Error.WriteLine($"error: {problem} (see `{command} --help`)");
        return 2;
    }
}
