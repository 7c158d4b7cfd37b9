using System.CommandLine;

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
}
