using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using RlFramework.Agents.Drqn;
using RlFramework.Runner.Cli.Sweeps;
using RlFramework.Runner.Experiments;
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
        var episodes = new Option<int?>("--episodes") { Description = "Episode budget per run, the 200 random episodes included (default: 3,000 on FlickeringCartPole-v0, 800 on CartPole-v0)." };
        var kappa = new Option<double>("--trace-scaling") { Description = "κ of the trace-scaled e-prop variant.", DefaultValueFactory = _ => 1e-2 };
        var parallel = new Option<int>("--parallel") { Description = "Runs at a time (default: the number of cores); with --cluster local, the embedded silo's slots.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var clusterOption = ClusterCommandOptions.Reproduction("--parallel");
        var envs = new Option<string[]>("--envs") { Description = "Env ids to run.", DefaultValueFactory = _ => [.. EPropDrqnExperiment.Envs], AllowMultipleArgumentsPerToken = true };
        var lengths = new Option<int[]>("--memory-lengths") { Description = "Sequence lengths of the memory table.", DefaultValueFactory = _ => [10, 100, 1000], AllowMultipleArgumentsPerToken = true };
        var config = new Option<FileInfo?>("--config") { Description = "Path of a DRQN config JSON file (snake_case fields of DrqnConfig) used under all variants and envs; learner and trace_scaling are set per variant. Without it: the DRQN defaults with burn-in 5 on flickering CartPole and 0 on CartPole-v0." };
        var only = new Option<string[]>("--variants") { Description = "Run only these variants (bptt, eprop, eprop-scaled); default all three.", AllowMultipleArgumentsPerToken = true };
        var skipMemory = new Option<bool>("--skip-memory") { Description = "Leave out the memory table." };
        var command = new Command("eprop-drqn", "BPTT-DRQN vs e-prop-DRQN (plain and trace-scaled) on CartPole-v0 and FlickeringCartPole-v0: episodes to solve, final mean return, wall time; memory per update vs sequence length.")
        {
            seeds, firstSeed, episodes, kappa, parallel, envs, lengths, config, only, skipMemory, clusterOption,
        };
        command.SetAction(result => CommonOptions.Guard(result, () =>
        {
            long start = Stopwatch.GetTimestamp();
            int workers = result.GetValue(parallel);
            if (workers <= 0) throw new ArgumentException($"--parallel must be positive; got {workers}.");
            using var cluster = result.GetValue(clusterOption) is { } connection ? ClusterRuns.Open(connection, workers, Console.Error) : null;
            var memoryLengths = result.GetValue(lengths)!;
            if (!result.GetValue(skipMemory)) PrintMemory(UpdateMemoryProbe.Measure(memoryLengths));
            int seedCount = result.GetValue(seeds);
            int? episodeBudget = result.GetValue(episodes);
            if (episodeBudget is <= 0) throw new ArgumentException($"--episodes must be positive; got {episodeBudget}.");
            Func<string, int> budget = env => episodeBudget ?? EPropDrqnExperiment.DefaultEpisodes(env);
            var file = result.GetValue(config);
            var baseConfig = file is null ? new DrqnConfig() : ReadConfig(file);
            Func<string, int> burnIn = file is null ? EPropDrqnExperiment.DefaultBurnIn : _ => baseConfig.BurnIn;
            var variants = EPropDrqnExperiment.Variants(baseConfig, result.GetValue(kappa), result.GetValue(only) is { Length: > 0 } names ? names : null);
            var envIds = result.GetValue(envs)!;
            Console.WriteLine($"{variants.Count} variants × {envIds.Length} envs × {seedCount} seeds, episodes per run (200 random included) and burn-in: {string.Join(", ", envIds.Select(e => $"{e} {budget(e)} (burn-in {burnIn(e)})"))}; "
                + (cluster is null ? $"{workers} at a time on {Environment.ProcessorCount} cores." : $"{cluster.Placement}."));
            var results = ((IRunExecutor?)cluster ?? new InProcessRuns(workers)).Run(EPropDrqnRun.Instance, EPropDrqnExperiment.Inputs(variants, envIds, seedCount, budget, result.GetValue(firstSeed), burnIn), r =>
                Console.WriteLine(string.Create(Invariant, $"  {r.EnvId} {r.Variant} seed {r.Seed}: {(r.EpisodesToSolve is int e ? $"solved at episode {e}" : "not solved")}, final mean return {r.FinalMeanReturn:F1} (greedy {r.FinalGreedyReturn:F1}), {r.Updates} updates, {r.WallSeconds:F0} s; greedy evaluations {string.Join(" ", r.Evaluations.Select(v => $"{v.Episode}:{v.MeanReturn:F0}"))}")));
            PrintResults(results);
            PrintRankTests(results, "bptt");
            Console.WriteLine($"Wall time: {Stopwatch.GetElapsedTime(start).TotalMinutes:F1} min.");
            return 0;
        }));
        return command;
    }

    private static void PrintMemory(IReadOnlyList<UpdateMemory> rows)
    {
        var table = new Table().AddColumns("sequence length", "batch", "BPTT bytes held", "e-prop bytes held", "e-prop bytes allocated", "BPTT / e-prop");
        foreach (var r in rows)
        {
            table.AddRow(r.SequenceLength.ToString(Invariant), r.BatchSize.ToString(Invariant), r.BpttBytes.ToString("N0", Invariant), r.EPropBytes.ToString("N0", Invariant),
                r.EPropAllocatedBytes.ToString("N0", Invariant), ((double)r.BpttBytes / r.EPropBytes).ToString("F1", Invariant));
        }

        ConsoleTables.Write(table);
    }

    /// <summary>Reads the DRQN config file at <paramref name="file"/>; a missing file or bad JSON is an error naming the file.</summary>
    private static DrqnConfig ReadConfig(FileInfo file)
    {
        if (!file.Exists) throw new ArgumentException($"--config file '{file.FullName}' does not exist (--config takes the path of a DRQN config JSON file).");
        try
        {
            return DrqnConfig.FromJson(File.ReadAllText(file.FullName));
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"--config file '{file.FullName}': {e.Message}", e);
        }
    }

    private static void PrintResults(IReadOnlyList<DrqnTrialResult> results)
    {
        var table = new Table().AddColumns("env", "variant", "solved", "episodes to solve (per seed)", "final mean return (training, ε-greedy)", "final greedy return", "wall time / run");
        foreach (var group in results.GroupBy(r => (r.EnvId, r.Variant)))
        {
            var runs = group.ToList();
            var solved = runs.Where(r => r.EpisodesToSolve is not null).ToList();
            string perSeed = string.Join(" ", runs.Select(r => r.EpisodesToSolve?.ToString(Invariant) ?? "–"));
            string mean = solved.Count > 0 ? $"mean {solved.Average(r => r.EpisodesToSolve!.Value):F0}: " : "";
            var finals = runs.Select(r => r.FinalMeanReturn).ToList();
            var greedy = runs.Select(r => r.FinalGreedyReturn).ToList();
            table.AddRow(group.Key.EnvId, Markup.Escape(group.Key.Variant), $"{solved.Count}/{runs.Count}", mean + perSeed,
                MeanAndSpread(finals, "F1"), MeanAndSpread(greedy, "F1"), $"{runs.Average(r => r.WallSeconds):F0} s");
        }
        ConsoleTables.Write(table);
        Console.WriteLine("Solved: mean training return ≥ 195 over 100 consecutive episodes within the budget (episodes counted from the first random one; '–' = not solved). Greedy return: mean of 10 greedy episodes after the last training episode.");
    }

    /// <summary>For each env, the exact Mann–Whitney U test of episodes-to-solve, <paramref name="baseline"/> against every other variant (unsolved = budget + 1).</summary>
    private static void PrintRankTests(IReadOnlyList<DrqnTrialResult> results, string baseline)
    {
        foreach (var env in results.GroupBy(r => r.EnvId))
        {
            var first = EPropDrqnExperiment.EpisodesToSolveOrCensored(env.Where(r => r.Variant == baseline));
            foreach (var other in env.Where(r => r.Variant != baseline).GroupBy(r => r.Variant))
            {
                var second = EPropDrqnExperiment.EpisodesToSolveOrCensored(other);
                if (first.Count == 0 || second.Count == 0) continue;
                var (u, p) = RankSumTest.Compare(first, second);
                Console.WriteLine(string.Create(Invariant, $"{env.Key}: episodes to solve, {baseline} vs {other.Key} (unsolved = budget + 1): Mann–Whitney U = {u:F1} of {first.Count * second.Count}, exact two-sided p = {p:F3} ({(p < 0.05 ? "significant" : "not significant")} at 0.05)."));
            }
        }
    }

    /// <summary>
    /// The mean of <paramref name="values"/> in <paramref name="format"/>, then <paramref name="unit"/>, then "± " and the
    /// sample standard deviation; a single value has no spread and is written alone.
    /// </summary>
    internal static string MeanAndSpread(IReadOnlyList<double> values, string format, string unit = "")
    {
        double mean = values.Average();
        string text = mean.ToString(format, Invariant) + unit;
        if (values.Count < 2) return text;
        double spread = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
        return $"{text} ± {spread.ToString(format, Invariant)}";
    }
}
