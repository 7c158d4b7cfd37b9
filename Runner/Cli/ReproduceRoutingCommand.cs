using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using RlFramework.Runner.Experiments.Routing;
using Spectre.Console;

namespace RlFramework.Runner.Cli;

/// <summary><c>rl reproduce routing</c>: the routing papers' collapse example, multi-task classification and the routing Q-learner on the CartPole family.</summary>
internal static class ReproduceRoutingCommand
{
    public static Command Create()
    {
        var seed = CommonOptions.Seed();
        var smoke = new Option<bool>("--smoke") { Description = "Seconds-sized runs (CI smoke test) instead of the minutes-sized defaults." };
        var seeds = new Option<int?>("--seeds") { Description = "Seeds per setting of tables 1 and 2 (default 3)." };
        var steps = new Option<long?>("--steps-per-task") { Description = "Env steps per CartPole task in table 3 (default 30000; RoboRally maps: --roborally-steps-per-task, default 20000)." };
        var roboRallySteps = new Option<long?>("--roborally-steps-per-task") { Description = "Env steps per RoboRally map in table 3 (default 20000)." };
        var tables = new Option<string>("--tables") { Description = "Which tables to run: any of 1, 2, 3 (e.g. 12).", DefaultValueFactory = _ => "123" };
        var logDir = new Option<string?>("--log-dir") { Description = "Write routing diagnostics (entropy, usage, collapse) as metrics.csv and a TensorBoard event file here." };
        var command = new Command("routing", "Routing networks: collapse example, multi-task classification by router algorithm and depth, routing Q-learner vs shared and per-task DQN on the CartPole family.")
        {
            seed, smoke, seeds, steps, roboRallySteps, tables, logDir,
        };
        command.SetAction(result => CommonOptions.Guard(result, () =>
        {
            var settings = result.GetValue(smoke) ? RoutingReproductionSettings.Smoke : RoutingReproductionSettings.Default;
            settings = settings with
            {
                Seed = result.GetValue(seed),
                Seeds = result.GetValue(seeds) is int n ? (n > 0 ? n : throw new ArgumentException($"--seeds {n} is invalid: expected a positive number.")) : settings.Seeds,
                StepsPerTask = Positive(result.GetValue(steps), "--steps-per-task") ?? settings.StepsPerTask,
                RoboRallyStepsPerTask = Positive(result.GetValue(roboRallySteps), "--roborally-steps-per-task") ?? settings.RoboRallyStepsPerTask,
            };
            string which = result.GetValue(tables) ?? "123";
            if (which.Length == 0 || which.Any(c => c is not ('1' or '2' or '3'))) throw new ArgumentException($"--tables '{which}' is invalid: expected digits 1, 2 and/or 3.");
            var report = RoutingReproduction.Run(settings, which, result.GetValue(logDir), Console.Out);
            Print(report);
            return 0;
        }));
        return command;
    }

    private static long? Positive(long? value, string option) =>
        value is <= 0 ? throw new ArgumentException($"{option} {value} is invalid: expected a positive number.") : value;

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static void Print(RoutingReport report)
    {
        if (report.Collapse is { } collapse)
        {
            var table = new Table().AddColumns("setting", "usage m0 / m1 / m2", "test MSE", "collapsed seeds");
            foreach (var row in collapse)
                table.AddRow(Markup.Escape(row.Setting), string.Join(" / ", row.Usage.Select(u => F(100 * u, "F0") + "%")), F(row.TestMse, "F4"), $"{row.Collapsed}/{row.Seeds}");
            ConsoleTables.Write(new Rule("1. Collapse example (1-D regression, 2 linear modes, 3 linear modules, per-sample router)"));
            ConsoleTables.Write(table);
        }
        if (report.Classification is { } classification)
        {
            var table = new Table().AddColumns("router", "depth", "test accuracy", "selection entropy (bits)", "collapsed layers", "train s/run");
            foreach (var row in classification)
                table.AddRow(Markup.Escape(row.Router), row.Depth.ToString(CultureInfo.InvariantCulture), $"{F(100 * row.Accuracy, "F1")}% ± {F(100 * row.AccuracyStd, "F1")}",
                    F(row.Entropy, "F2"), row.Collapsed.ToString(CultureInfo.InvariantCulture), F(row.Seconds, "F1"));
            ConsoleTables.Write(new Rule("2. Synthetic multi-task classification (chance 25%; entropy max log2 M)"));
            ConsoleTables.Write(table);
        }
        if (report.MultiTaskRl is { } multiTask)
        {
            var table = new Table().AddColumns("family", "method", "task", "mean greedy return", "steps to threshold", "modules per routed layer");
            foreach (var row in multiTask)
                table.AddRow(Markup.Escape(row.Family), Markup.Escape(row.Method), Markup.Escape(row.Task), F(row.MeanReturn, "F1"),
                    row.StepsToThreshold?.ToString(CultureInfo.InvariantCulture) ?? "not reached", Markup.Escape(row.ModuleUsage));
            ConsoleTables.Write(new Rule("3. Routing Q-learner vs shared DQN vs per-task DQNs: CartPole physics family and RoboRally maps"));
            ConsoleTables.Write(table);
        }
        foreach (var (name, seconds) in report.WallTimes) Console.WriteLine($"{name}: {F(seconds, "F1")} s wall");
    }
}
