using System.CommandLine;
using System.Diagnostics;
using RlFramework.Renders.Plots;
using RlFramework.Runner.Reports;

namespace RlFramework.Runner.Cli;

/// <summary><c>rl plot RUN [RUN...]</c>: episodic return, losses and SPS against env steps as one PNG; several runs overlaid.</summary>
internal static class PlotCommand
{
    public static Command Create()
    {
        var runs = new Argument<string[]>("run")
        {
            Arity = ArgumentArity.OneOrMore,
            Description = "Run ids (see `rl runs`) or run folders; several are overlaid, seeds of one config with their mean and min–max band.",
        };
        var output = new Option<string>("--out") { Description = "The PNG file to write.", DefaultValueFactory = _ => "plot.png" };
        var folder = ReportOptions.RunsFolder();
        var command = new Command("plot", "Plot runs: episodic return (raw, smoothed, evaluations), losses and steps per second against env steps.") { runs, output, folder };
        command.SetAction(result => CommonOptions.Guard(result, () =>
        {
            var clock = Stopwatch.StartNew();
            var data = result.GetValue(runs)!.Select(r => RunData.Load(r, result.GetValue(folder)!)).ToArray();
            string path = Path.GetFullPath(result.GetValue(output)!);
            Charts.Save(RunPlots.Png(data), path);
            Console.WriteLine($"wrote {path} ({data.Length} run{(data.Length == 1 ? "" : "s")}, {clock.Elapsed.TotalSeconds:F2} s)");
            return 0;
        }));
        return command;
    }
}
