using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using RlFramework.Runner.Cli.Sweeps;
using RlFramework.Runner.Experiments;
using RlFramework.Runner.Experiments.EProp;
using Spectre.Console;

namespace RlFramework.Runner.Cli;

/// <summary><c>rl reproduce eprop-tca</c>: the supervised sanity check of e-prop for LSTMs, BPTT vs e-prop variants on the delayed-recall task.</summary>
internal static class EPropTcaCommand
{
    public static Command Create()
    {
        var seeds = new Option<int>("--seeds") { Description = "Seeds per variant.", DefaultValueFactory = _ => 3 };
        var iterations = new Option<int>("--iterations") { Description = "Adam steps of 64 sequences each.", DefaultValueFactory = _ => 1500 };
        var delay = new Option<int>("--delay") { Description = "Silent steps between the listen phase and the decide step.", DefaultValueFactory = _ => 20 };
        var echo = new Option<double>("--trace-echo") { Description = "λ_echo of the extended e-prop variant.", DefaultValueFactory = _ => 1.0 };
        var only = new Option<string[]>("--variants") { Description = "Run only these variants (bptt, bptt-bias, eprop-symmetric, eprop-random, eprop-extended); default all five.", AllowMultipleArgumentsPerToken = true };
        var parallel = new Option<int>("--parallel") { Description = "Runs at a time (default: the number of cores); with --cluster local, the embedded silo's slots.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var clusterOption = ClusterCommandOptions.Reproduction("--parallel");
        var command = new Command("eprop-tca", "Temporal credit assignment (delayed recall): test error of BPTT vs symmetric, random and extended e-prop LSTMs.")
        {
            seeds, iterations, delay, echo, only, parallel, clusterOption,
        };
        command.SetAction(result => CommonOptions.Guard(result, () =>
        {
            long start = Stopwatch.GetTimestamp();
            var task = new TcaTask(result.GetValue(delay));
            task.Validate();
            int seedCount = result.GetValue(seeds), steps = result.GetValue(iterations), workers = result.GetValue(parallel);
            if (seedCount <= 0 || workers <= 0) throw new ArgumentException($"--seeds {seedCount} and --parallel {workers} must be positive.");
            using var cluster = result.GetValue(clusterOption) is { } connection ? ClusterRuns.Open(connection, workers, Console.Error) : null;
            double traceEcho = result.GetValue(echo);
            var variants = TcaVariant.Select(result.GetValue(only), traceEcho);
            var results = ((IRunExecutor?)cluster ?? new InProcessRuns(workers)).Run(TcaRun.Instance, TcaRun.Inputs(variants, traceEcho, task, seedCount, steps),
                r => Console.WriteLine($"  {r.Variant} seed {r.Seed}: test error {100 * r.TestError:F2}% ({r.WallSeconds:F0} s)"));
            var table = new Table().AddColumns("variant", "test error (mean ± sd)", "per seed", "wall time / run");
            foreach (var v in variants)
            {
                var runs = results.Where(r => r.Variant == v.Name).OrderBy(r => r.Seed).ToList();
                var errors = runs.Select(r => 100 * r.TestError).ToList();
                table.AddRow(Markup.Escape(v.Name), EPropDrqnCommand.MeanAndSpread(errors, "F2", "%"),
                    string.Join(" ", runs.Select(r => (100 * r.TestError).ToString("F1", CultureInfo.InvariantCulture))), $"{runs.Average(r => r.WallSeconds):F0} s");
            }
            ConsoleTables.Write(table);
            Console.WriteLine($"Task: {task.ListenSteps} listen steps, delay {task.Delay}, 1 decide step; {steps} Adam steps (lr 1e-3) of 64 sequences, LSTM 32; test on 1,000 sequences. Wall time {Stopwatch.GetElapsedTime(start).TotalMinutes:F1} min{(cluster is null ? "" : ", " + cluster.Placement)}.");
            return 0;
        }));
        return command;
    }
}
