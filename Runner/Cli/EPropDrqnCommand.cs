using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using RlFramework.Agents.Drqn;
using RlFramework.Runner.Experiments.EProp;
using Spectre.Console;

namespace RlFramework.Runner.Cli;

/// <summary><c>rl reproduce eprop-drqn</c>: BPTT- vs e-prop-DRQN on CartPole-v0 and flickering CartPole, and the memory per update.</summary>
internal static class EPropDrqnCommand
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static Command Create()
    {
        var seeds = new Option<int>("--seeds") { Description = "Seeds per variant and env.", DefaultValueFactory = _ => 5 };
        var firstSeed = new Option<int>("--first-seed") { Description = "The first seed (seeds run from it upward).", DefaultValueFactory = _ => 0 };
        var episodes = new Option<int>("--episodes") { Description = "Episode budget per run, the 200 random episodes included.", DefaultValueFactory = _ => 800 };
        var kappa = new Option<double>("--trace-scaling") { Description = "κ of the trace-scaled e-prop variant.", DefaultValueFactory = _ => 1e-2 };
        var parallel = new Option<int>("--parallel") { Description = "Runs at a time (default: the number of cores).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var envs = new Option<string[]>("--envs") { Description = "Env ids to run.", DefaultValueFactory = _ => [.. EPropDrqnExperiment.Envs], AllowMultipleArgumentsPerToken = true };
        var lengths = new Option<int[]>("--memory-lengths") { Description = "Sequence lengths of the memory table.", DefaultValueFactory = _ => [10, 100, 1000], AllowMultipleArgumentsPerToken = true };
        var config = new Option<string?>("--config") { Description = "DRQN config JSON (snake_case fields of DrqnConfig) under all variants; learner and trace_scaling are set per variant." };
        var skipMemory = new Option<bool>("--skip-memory") { Description = "Leave out the memory table." };
        var command = new Command("eprop-drqn", "BPTT-DRQN vs e-prop-DRQN (plain and trace-scaled) on CartPole-v0 and FlickeringCartPole-v0: episodes to solve, final mean return, wall time; memory per update vs sequence length.")
        {
            seeds, firstSeed, episodes, kappa, parallel, envs, lengths, config, skipMemory,
        };
        command.SetAction(result => CommonOptions.Guard(result, () =>
        {
            long start = Stopwatch.GetTimestamp();
            var memoryLengths = result.GetValue(lengths)!;
            if (!result.GetValue(skipMemory)) PrintMemory(UpdateMemoryProbe.Measure(memoryLengths));
            int seedCount = result.GetValue(seeds), budget = result.GetValue(episodes);
            var baseConfig = result.GetValue(config) is { } json ? DrqnConfig.FromJson(json) : new DrqnConfig();
            var variants = EPropDrqnExperiment.Variants(baseConfig, result.GetValue(kappa));
            Console.WriteLine($"{variants.Count} variants × {result.GetValue(envs)!.Length} envs × {seedCount} seeds, {budget} episodes each (200 random), {result.GetValue(parallel)} at a time on {Environment.ProcessorCount} cores.");
            var results = EPropDrqnExperiment.Run(variants, result.GetValue(envs)!, seedCount, budget, result.GetValue(parallel), r =>
                Console.WriteLine($"  {r.EnvId} {r.Variant} seed {r.Seed}: {(r.EpisodesToSolve is int e ? $"solved at episode {e}" : "not solved")}, final mean return {r.FinalMeanReturn:F1}, {r.Updates} updates, {r.WallSeconds:F0} s"), result.GetValue(firstSeed));
            PrintResults(results, seedCount, budget);
            Console.WriteLine($"Wall time: {Stopwatch.GetElapsedTime(start).TotalMinutes:F1} min.");
            return 0;
        }));
        return command;
    }

    private static void PrintMemory(IReadOnlyList<UpdateMemory> rows)
    {
        var table = new Table().AddColumns("sequence length", "batch", "BPTT bytes held", "e-prop bytes held", "e-prop bytes allocated", "BPTT / e-prop");
        foreach (var r in rows)
            table.AddRow(r.SequenceLength.ToString(Invariant), r.BatchSize.ToString(Invariant), r.BpttBytes.ToString("N0", Invariant), r.EPropBytes.ToString("N0", Invariant),
                r.EPropAllocatedBytes.ToString("N0", Invariant), ((double)r.BpttBytes / r.EPropBytes).ToString("F1", Invariant));
        ConsoleTables.Write(table);
    }

    private static void PrintResults(IReadOnlyList<DrqnTrialResult> results, int seeds, int budget)
    {
        var table = new Table().AddColumns("env", "variant", "solved", "episodes to solve (per seed)", "final mean return", "wall time / run");
        foreach (var group in results.GroupBy(r => (r.EnvId, r.Variant)))
        {
            var runs = group.ToList();
            var solved = runs.Where(r => r.EpisodesToSolve is not null).ToList();
            string perSeed = string.Join(" ", runs.Select(r => r.EpisodesToSolve?.ToString(Invariant) ?? "–"));
            string mean = solved.Count > 0 ? $"mean {solved.Average(r => r.EpisodesToSolve!.Value):F0}: " : "";
            var finals = runs.Select(r => r.FinalMeanReturn).ToList();
            table.AddRow(group.Key.EnvId, Markup.Escape(group.Key.Variant), $"{solved.Count}/{runs.Count}", mean + perSeed,
                $"{finals.Average():F1} ± {StdDev(finals):F1}", $"{runs.Average(r => r.WallSeconds):F0} s");
        }
        ConsoleTables.Write(table);
        Console.WriteLine($"Solved: mean return ≥ 195 over 100 consecutive episodes within {budget} episodes (episodes counted from the first random one; '–' = not solved within the budget).");
    }

    private static double StdDev(IReadOnlyList<double> values)
    {
        double mean = values.Average();
        return values.Count < 2 ? 0 : Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
    }
}
