using System.CommandLine;

namespace RlFramework.Runner.Cli;

/// <summary>The options <c>rl plot</c> and <c>rl report</c> share.</summary>
internal static class ReportOptions
{
    public static Option<string> RunsFolder() => new("--runs")
    {
        Description = "The output folder of `rl train` whose registry resolves run ids.",
        DefaultValueFactory = _ => "runs",
    };
}
