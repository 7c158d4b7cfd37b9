using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using RlFramework.Agents.Trainers.Planning;
using RlFramework.Envs.RoboRally;
using RlFramework.Runner.Cli.Sweeps;
using RlFramework.Runner.Experiments.RoboRally;
using Spectre.Console;

namespace RlFramework.Runner.Cli;

/// <summary><c>rl reproduce roborally</c>: end-to-end versus decomposed training of the planning world-model agent.</summary>
internal static class RoboRallyReproduceCommand
{
    public static Command Create()
    {
        var runs = new Option<int>("--runs") { Description = "Seeds per training scheme.", DefaultValueFactory = _ => 100 };
        var map = new Option<string>("--map") { Description = "A bundled map's name or a map file.", DefaultValueFactory = _ => RoboRallyMaps.DefaultName };
        var seed = CommonOptions.Seed();
        var config = new Option<string?>("--config") { Description = "A JSON PlanningConfig (snake_case fields); left-out fields keep their defaults." };
        var episodes = new Option<int?>("--episodes") { Description = "End-to-end episodes per run (default: the config's, 10000)." };
        var threads = new Option<int?>("--threads") { Description = "Runs at once (default: the number of cores); with --cluster local, the embedded silo's slots." };
        var cluster = ClusterCommandOptions.Reproduction("--threads");
        var command = new Command("roborally", "Glasmachers (2017) 4.3: the planning world-model agent on RoboRally, end-to-end vs decomposed.")
        {
            runs, map, seed, config, episodes, threads, cluster,
        };
        command.SetAction(result => CommonOptions.Guard(result, () =>
        {
            string? configPath = result.GetValue(config);
            var planning = configPath is null ? new PlanningConfig() : PlanningConfig.FromJson(File.ReadAllText(configPath));
            if (result.GetValue(episodes) is { } count) planning = planning with { Episodes = count };
            planning.Validate();
            RoboRallyMap board;
            try
            {
                board = RoboRallyMaps.Resolve(result.GetValue(map)!);
            }
            catch (RoboRallyMapFormatException e)
            {
                throw new ArgumentException(e.Message, e);
            }
            int runCount = result.GetValue(runs);
            ArgumentOutOfRangeException.ThrowIfLessThan(runCount, 1, "--runs");
            int threadCount = result.GetValue(threads) ?? Environment.ProcessorCount;
            if (threadCount < 1) throw new ArgumentException($"--threads must be positive; got {threadCount}.");
            if (result.GetValue(cluster) is { } connection)
            {
                using var runs = ClusterRuns.Open(connection, threadCount, Console.Error);
                var clock = Stopwatch.StartNew();
                var results = runs.Run(RoboRallyRun.Instance, RoboRallyRun.Inputs(board, planning, runCount, result.GetValue(seed)));
                Print(RoboRallyReproduction.Summarize(board, results, clock.Elapsed, threadCount), runs.Placement);
                return 0;
            }
            var progress = new RoboRallyProgress(Console.Error, 2 * runCount, RoboRallyReproduction.MaxUnits(board, planning, runCount), TimeSpan.FromSeconds(10));
            var outcome = RoboRallyReproduction.Run(board, planning, runCount, result.GetValue(seed), threadCount, progress);
            Print(outcome, $"{outcome.Threads} runs at once on {Environment.ProcessorCount} cores");
            return 0;
        }));
        return command;
    }

    private static void Print(RoboRallyReproductionResult result, string placement)
    {
        static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
        var stats = result.Stats;
        Console.WriteLine($"map {result.Map.Name} ({result.Map.Width}×{result.Map.Height}): oracle optimal return {F(stats.OptimalReturn, "0.##")} "
            + $"by {string.Join(" ", stats.OptimalPrograms.Select(p => RoboRallySolver.Describe(p)))}; {stats.GoalPrograms} of {stats.ProgramCount} programs reach the goal, "
            + $"{stats.ReachableStates.Count} reachable states.");
        var table = new Table().AddColumns("scheme", "success", "paper", "mean return", "model error", "failed: turning only", "pit", "goal, suboptimal", "other", "env episodes");
        foreach (var scheme in result.Schemes)
        {
            int n = scheme.Runs.Count;
            string Share(ProgramOutcome o) => $"{scheme.Failed(o)} ({F(100.0 * scheme.Failed(o) / Math.Max(1, n - scheme.Successes), "0")}%)";
            table.AddRow(scheme.Scheme == TrainingScheme.EndToEnd ? "end-to-end" : "decomposed",
                $"{scheme.Successes}/{n} ({F(100.0 * scheme.Successes / n, "0")}%)",
                scheme.Scheme == TrainingScheme.EndToEnd ? "47/100" : "reliable",
                F(scheme.MeanReturn, "F2"), F(scheme.MeanModelError, "F4"),
                Share(ProgramOutcome.TurningOnly), Share(ProgramOutcome.Pit), Share(ProgramOutcome.SuboptimalGoal), Share(ProgramOutcome.Other),
                F(scheme.MeanEnvEpisodes, "F0"));
        }
        ConsoleTables.Write(table);
        Console.WriteLine($"success = the greedy program's return is optimal; model error = expected TV distance + |reward error| under random programs (0 = exact). "
            + $"Wall time {F(result.WallTime.TotalSeconds, "F1")} s, {placement}.");
    }
}
