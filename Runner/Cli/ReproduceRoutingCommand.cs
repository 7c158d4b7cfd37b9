using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using RlFramework.Models;
using RlFramework.Runner.Cli.Sweeps;
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
        var seeds = new Option<int?>("--seeds") { Description = "Seeds per setting of tables 1 and 2 (default 5)." };
        var rlSeeds = new Option<int?>("--rl-seeds") { Description = "Seeds of table 3 (default 5)." };
        var threads = new Option<int?>("--threads") { Description = "Runs at once, and torch threads per run (default: all cores for runs, torch's default). Use 1 on a shared machine. With --cluster local, the embedded silo's slots." };
        var cluster = ClusterCommandOptions.Reproduction("--threads");
        var steps = new Option<long?>("--steps-per-task") { Description = "Env steps per CartPole task in table 3 (default 30000; RoboRally maps: --roborally-steps-per-task, default 20000)." };
        var roboRallySteps = new Option<long?>("--roborally-steps-per-task") { Description = "Env steps per RoboRally map in table 3 (default 20000)." };
        var tables = new Option<string>("--tables") { Description = "Which tables to run: any of 1, 2, 3, 4 (e.g. 12; 4 = ablations of the Q-learning router's reward, optimizer and ε floor).", DefaultValueFactory = _ => "1234" };
        var logDir = new Option<string?>("--log-dir") { Description = "Write routing diagnostics (entropy, usage, collapse) as metrics.csv and a TensorBoard event file here." };
        var command = new Command("routing", "Routing networks: collapse example, multi-task classification by router algorithm and depth, routing Q-learner vs shared and per-task DQN on the CartPole family.")
        {
            seed, smoke, seeds, rlSeeds, steps, roboRallySteps, tables, logDir, threads, cluster,
        };
        command.SetAction(result => CommonOptions.Guard(result, () =>
        {
            var settings = result.GetValue(smoke) ? RoutingReproductionSettings.Smoke : RoutingReproductionSettings.Default;
            settings = settings with
            {
                Seed = result.GetValue(seed),
                Seeds = (int?)Positive(result.GetValue(seeds), "--seeds") ?? settings.Seeds,
                RlSeeds = (int?)Positive(result.GetValue(rlSeeds), "--rl-seeds") ?? settings.RlSeeds,
                Threads = (int?)Positive(result.GetValue(threads), "--threads") ?? settings.Threads,
                StepsPerTask = Positive(result.GetValue(steps), "--steps-per-task") ?? settings.StepsPerTask,
                RoboRallyStepsPerTask = Positive(result.GetValue(roboRallySteps), "--roborally-steps-per-task") ?? settings.RoboRallyStepsPerTask,
            };
            string which = result.GetValue(tables) ?? "1234";
            if (which.Length == 0 || which.Any(c => c is not ('1' or '2' or '3' or '4'))) throw new ArgumentException($"--tables '{which}' is invalid: expected digits 1, 2, 3 and/or 4.");
            using var runs = result.GetValue(cluster) is { } connection ? ClusterRuns.Open(connection, settings.Threads, Console.Error) : null;
            int previousThreads = torch.get_num_threads();
            if (result.GetValue(threads) is int count) torch.set_num_threads(count);
            try
            {
                var report = RoutingReproduction.Run(settings, which, result.GetValue(logDir), Console.Out, runs);
                Print(report);
                if (runs is not null) Console.WriteLine($"Runs: {runs.Placement}.");
            }
            finally
            {
                torch.set_num_threads(previousThreads);
            }
            return 0;
        }));
        return command;
    }

    private static long? Positive(long? value, string option) =>
        value is <= 0 ? throw new ArgumentException($"{option} {value} is invalid: expected a positive number.") : value;

    private static string MeanStd(double[] values)
    {
        double mean = values.Average();
        double std = values.Length < 2 ? 0 : Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));
        return $"{F(mean, "F1")} ± {F(std, "F1")}";
    }

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static Table ClassificationTable(IEnumerable<ClassificationRow> rows)
    {
        var table = new Table().AddColumns("router", "depth", "test accuracy (mean ± std)", "min–max over seeds", "selection entropy (bits)", "collapsed layers", "train s/run");
        foreach (var row in rows)
        {
            table.AddRow(Markup.Escape(row.Router), row.Depth.ToString(CultureInfo.InvariantCulture), $"{F(100 * row.Accuracy, "F1")}% ± {F(100 * row.AccuracyStd, "F1")}", $"{F(100 * row.AccuracyMin, "F1")}–{F(100 * row.AccuracyMax, "F1")}%",
                F(row.Entropy, "F2"), row.Collapsed.ToString(CultureInfo.InvariantCulture), F(row.Seconds, "F1"));
        }

        return table;
    }

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
            ConsoleTables.Write(new Rule("2. Synthetic multi-task classification (chance 25%; entropy max log2 M)"));
            ConsoleTables.Write(ClassificationTable(classification));
            foreach (var depth in classification.GroupBy(r => r.Depth))
            {
                double Accuracy(string router) => depth.First(r => r.Router == router).Accuracy;
                double q = Accuracy(MultiTaskClassificationExperiment.Variants[0].Name);
                Console.WriteLine($"depth {depth.Key}: Q-learning − REINFORCE {F(100 * (q - Accuracy(MultiTaskClassificationExperiment.Variants[2].Name)), "+0.0;-0.0")} points, "
                    + $"Q-learning − WPL {F(100 * (q - Accuracy(MultiTaskClassificationExperiment.Variants[4].Name)), "+0.0;-0.0")} points");
            }
        }
        if (report.MultiTaskRl is { } multiTask)
        {
            var table = new Table().AddColumns("family", "method", "task", "greedy return (mean ± std over seeds)", "reached threshold", "median steps to threshold", "modules per routed layer (first seed)");
            foreach (var task in multiTask.GroupBy(r => (r.Family, r.Method, r.Task)))
            {
                var returns = task.Select(r => r.MeanReturn).ToArray();
                var steps = task.Where(r => r.StepsToThreshold is not null).Select(r => (double)r.StepsToThreshold!.Value).Order().ToArray();
                table.AddRow(Markup.Escape(task.Key.Family), Markup.Escape(task.Key.Method), Markup.Escape(task.Key.Task), MeanStd(returns),
                    $"{steps.Length}/{returns.Length}", steps.Length == 0 ? "—" : F(steps[steps.Length / 2], "F0"), Markup.Escape(task.First().ModuleUsage));
            }
            ConsoleTables.Write(new Rule("3. Routing Q-learner vs shared DQN vs per-task DQNs (greedy returns averaged over the last checkpoints)"));
            ConsoleTables.Write(table);
            var summary = new Table().AddColumns("family", "method", "mean over tasks, per seed", "mean ± std over seeds");
            foreach (var method in multiTask.GroupBy(r => (r.Family, r.Method)))
            {
                var perSeed = method.GroupBy(r => r.Seed).OrderBy(g => g.Key).Select(g => g.Average(r => r.MeanReturn)).ToArray();
                summary.AddRow(Markup.Escape(method.Key.Family), Markup.Escape(method.Key.Method), string.Join(" / ", perSeed.Select(v => F(v, "F1"))), MeanStd(perSeed));
            }
            ConsoleTables.Write(summary);
            foreach (var family in multiTask.GroupBy(r => r.Family))
            {
                double[] Means(string name) => [.. family.Where(r => r.Method == name).GroupBy(r => r.Seed).OrderBy(g => g.Key).Select(g => g.Average(r => r.MeanReturn))];
                var (routing, shared) = (Means(MultiTaskRlExperiment.RoutingQLearner), Means(MultiTaskRlExperiment.SharedDqn));
                Console.WriteLine($"{family.Key}: the routing Q-learner beats the shared DQN on {routing.Zip(shared).Count(p => p.First > p.Second)} of {routing.Length} seeds.");
            }
        }
        if (report.Ablations is { } ablations)
        {
            ConsoleTables.Write(new Rule("4. Ablations: the Q-learning router (task id) on table 2's benchmark, one training choice changed at a time"));
            ConsoleTables.Write(ClassificationTable(ablations));
            foreach (var depth in ablations.GroupBy(r => r.Depth))
            {
                double reference = depth.First(r => r.Router == MultiTaskClassificationExperiment.Ablations[0].Name).Accuracy;
                Console.WriteLine($"depth {depth.Key}: " + string.Join(", ", depth.Skip(1).Select(r => $"{r.Router} {F(100 * (r.Accuracy - reference), "+0.0;-0.0")} points")));
            }
        }
        foreach (var (name, seconds) in report.WallTimes) Console.WriteLine($"{name}: {F(seconds, "F1")} s wall");
    }
}
