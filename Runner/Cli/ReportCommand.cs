using System.CommandLine;
using RlFramework.Runner.Reports;
using RlFramework.Shared;

namespace RlFramework.Runner.Cli;

/// <summary><c>rl report RUN</c>: one self-contained HTML page of a run (plots, hyperparameters, summary, latest episode video).</summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var run = new Argument<string>("run") { Description = "A run id (see `rl runs`) or a run folder." };
        var output = new Option<string>("--out") { Description = "The HTML file to write.", DefaultValueFactory = _ => "report.html" };
        var folder = ReportOptions.RunsFolder();
        var command = new Command("report", "Write one self-contained HTML page of a run, readable offline: plots, hyperparameters, summary, the latest episode video.") { run, output, folder };
        command.SetAction(result => CommonOptions.Guard(result, () =>
        {
            var data = RunData.Load(result.GetValue(run)!, result.GetValue(folder)!);
            string path = Path.GetFullPath(result.GetValue(output)!);
            AtomicFile.WriteAllBytes(path, System.Text.Encoding.UTF8.GetBytes(RunReport.Html(data)));
            Console.WriteLine($"wrote {path}");
            return 0;
        }));
        return command;
    }
}
