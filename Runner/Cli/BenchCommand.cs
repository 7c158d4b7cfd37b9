using System.CommandLine;
using System.Globalization;
using RlFramework.Runner.Benchmarking;
using Spectre.Console;

namespace RlFramework.Runner.Cli;

/// <summary><c>rl bench cartpole</c>: CartPole throughput against Gymnasium's measured figures.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var steps = new Option<long>("--steps") { Description = "Env steps per measurement.", DefaultValueFactory = _ => 2_000_000 };
        var cartPole = new Command("cartpole", "CartPole steps/s: raw, via Gym.Make, and vector envs of 1, 2 and 8 envs (Sync and Parallel).") { steps };
        cartPole.SetAction(result => CommonOptions.Guard(() =>
        {
            Console.WriteLine($"{Environment.ProcessorCount} cores, .NET {Environment.Version}; Gymnasium figures from shared/specs/envs-api.md (same machines).");
            var table = new Table().AddColumns("workload", "steps/s", "× Gymnasium", "bytes/step");
            foreach (var r in CartPoleThroughput.Measure(result.GetValue(steps), [1, 2, 8]))
            {
                table.AddRow(Markup.Escape(r.Name), r.StepsPerSecond.ToString("N0", CultureInfo.InvariantCulture),
                    r.SpeedUp?.ToString("F1", CultureInfo.InvariantCulture) ?? "-", r.BytesPerStep.ToString("F3", CultureInfo.InvariantCulture));
            }
            AnsiConsole.Write(table);
            return 0;
        }));
        var command = new Command("bench", "Measure throughput.") { cartPole };
        return command;
    }
}
