using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using RlFramework.Runner.Benchmarking;
using RlFramework.Runner.Cli.Sweeps;
using Spectre.Console;

namespace RlFramework.Runner.Cli;

/// <summary><c>rl bench cartpole|classic|loop|clips|render|sweep</c>: CartPole throughput against Gymnasium's measured figures, the classic-control envs against Gymnasium's measured side by side, the training loop, the clip envs, rendering and plots, the sweep overhead per trial.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var steps = new Option<long>("--steps") { Description = "Env steps per measurement.", DefaultValueFactory = _ => 2_000_000 };
        var cartPole = new Command("cartpole", "CartPole steps/s: raw, via Gym.Make, and vector envs of 1, 2 and 8 envs (Sync and Parallel).") { steps };
        cartPole.SetAction(result => CommonOptions.Guard(result, () =>
        {
            Console.WriteLine($"{Environment.ProcessorCount} cores, .NET {Environment.Version}; Gymnasium figures from shared/specs/envs-api.md (same machines).");
            PrintTable(CartPoleThroughput.Measure(result.GetValue(steps), [1, 2, 8]));
            return 0;
        }));
        var loopSteps = new Option<long>("--steps") { Description = "Env steps per measurement.", DefaultValueFactory = _ => 2_000_000 };
        var loop = new Command("loop", "The reactive training loop's steps/s against a bare loop (random agent, CartPole).") { loopSteps };
        loop.SetAction(result => CommonOptions.Guard(result, () =>
        {
            PrintTable(LoopThroughput.Measure(result.GetValue(loopSteps), [1, 8]));
            return 0;
        }));
        var clipCount = new Option<int>("--clips") { Description = "Clips (episodes) per env and measurement.", DefaultValueFactory = _ => 50 };
        var clips = new Command("clips", "Frames/s of Room Runner and Funnel Board (whole clips, and resets alone) on one thread.") { clipCount };
        clips.SetAction(result => CommonOptions.Guard(result, () => PrintTimes(ClipThroughput.Measure(result.GetValue(clipCount)))));
        var frames = new Option<int>("--frames") { Description = "CartPole frames to render.", DefaultValueFactory = _ => 20_000 };
        var plots = new Option<int>("--plots") { Description = "Plot panels to draw.", DefaultValueFactory = _ => 20 };
        var render = new Command("render", "Frames/s of CartPole's 600×400 rgb_array into a reused frame, and plots/s of one `rl plot` panel.") { frames, plots };
        render.SetAction(result => CommonOptions.Guard(result, () => PrintTimes(RenderThroughput.Measure(result.GetValue(frames), result.GetValue(plots)))));
        var classicSteps = new Option<long>("--steps") { Description = "Env steps per measurement.", DefaultValueFactory = _ => 1_000_000 };
        var peer = new Option<string?>("--peer") { Description = "JSON of benchmarks/peers/classic/gymnasium_steps.py, measured in the same window: adds the ratio." };
        var classic = new Command("classic", "Steps/s of CartPole, MountainCar, MountainCarContinuous, Acrobot and Pendulum, raw and via Gym.Make, on one thread.") { classicSteps, peer };
        classic.SetAction(result => CommonOptions.Guard(result, () =>
        {
            string? peerPath = result.GetValue(peer);
            JsonElement? peerJson = peerPath is null ? null : ReadPeer(peerPath);
            PrintSteps(ClassicThroughput.Measure(result.GetValue(classicSteps), peerJson));
            return 0;
        }));
        var sweepFile = new Argument<FileInfo>("file") { Description = "A sweep file (see `rl sweep`)." };
        var sweepOut = new Option<string>("--out") { Description = "A folder for the two sets of runs.", DefaultValueFactory = _ => "runs-bench-sweep" };
        var sweep = new Command("sweep", "A sweep's trials one after another in this process, then through the embedded Orleans silo (one slot): the overhead per trial.") { sweepFile, sweepOut };
        sweep.SetAction(result => CommonOptions.Guard(result, () =>
        {
            var r = SweepOverhead.Measure(SweepFile.Read(result.GetValue(sweepFile)!.FullName), result.GetValue(sweepOut)!);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{r.Trials} trials: {r.Sequential.TotalSeconds:F2} s one after another in this process, {r.Embedded.TotalSeconds:F2} s through the embedded silo; overhead {r.OverheadPerTrial.TotalSeconds:F3} s wall per trial; CPU {r.SequentialCpu.TotalSeconds:F2} s vs {r.EmbeddedCpu.TotalSeconds:F2} s, {r.CpuOverheadPerTrial.TotalSeconds:F3} s per trial; metrics {(r.Identical ? "identical" : "DIFFERENT")}"));
            return r.Identical ? 0 : 1;
        }));
        var command = new Command("bench", "Measure throughput.") { cartPole, classic, loop, clips, render, sweep };
        return command;
    }

    private static int PrintTimes(IEnumerable<ClipThroughputResult> results)
    {
        var table = new Table().AddColumns("workload", "per wall second", "per CPU second", "CPU ms each");
        foreach (var r in results)
        {
            table.AddRow(Markup.Escape(r.Name), r.PerWallSecond.ToString("N0", CultureInfo.InvariantCulture),
                r.PerCpuSecond.ToString("N0", CultureInfo.InvariantCulture), (1000 / r.PerCpuSecond).ToString("F2", CultureInfo.InvariantCulture));
        }

        ConsoleTables.Write(table);
        return 0;
    }

    private static JsonElement ReadPeer(string path)
    {
        if (!File.Exists(path)) throw new ArgumentException($"--peer '{path}' does not exist: run benchmarks/peers/classic/gymnasium_steps.py --out {path} first.");
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"--peer '{path}' is not JSON ({e.Message}).", e);
        }
    }

    private static void PrintSteps(IEnumerable<EnvStepThroughput> results)
    {
        var table = new Table().AddColumns("workload", "steps/s (wall)", "steps/s (CPU)", "ns/step (CPU)", "× Gymnasium (CPU)", "bytes/step");
        foreach (var r in results)
        {
            table.AddRow(Markup.Escape(r.Name), r.PerWallSecond.ToString("N0", CultureInfo.InvariantCulture), r.PerCpuSecond.ToString("N0", CultureInfo.InvariantCulture),
                (1e9 / r.PerCpuSecond).ToString("F1", CultureInfo.InvariantCulture), r.SpeedUp?.ToString("F1", CultureInfo.InvariantCulture) ?? "-",
                r.BytesPerStep.ToString("F3", CultureInfo.InvariantCulture));
        }

        ConsoleTables.Write(table);
    }

    private static void PrintTable(IEnumerable<ThroughputResult> results)
    {
        var table = new Table().AddColumns("workload", "steps/s", "× Gymnasium", "bytes/step");
        foreach (var r in results)
        {
            table.AddRow(Markup.Escape(r.Name), r.StepsPerSecond.ToString("N0", CultureInfo.InvariantCulture),
                r.SpeedUp?.ToString("F1", CultureInfo.InvariantCulture) ?? "-", r.BytesPerStep.ToString("F3", CultureInfo.InvariantCulture));
        }

        ConsoleTables.Write(table);
    }
}
