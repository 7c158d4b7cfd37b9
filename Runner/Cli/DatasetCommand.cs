using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using RlFramework.Runner.Datasets;

namespace RlFramework.Runner.Cli;

/// <summary><c>rl dataset</c>: writes labelled clips of an uncontrolled env (Room Runner, Funnel Board) to an episode file.</summary>
internal static class DatasetCommand
{
    public static Command Create()
    {
        var env = CommonOptions.Env("FunnelBoard-v0");
        var seed = CommonOptions.Seed();
        var trajectories = new Option<int>("--trajectories") { Description = "How many trajectories to write.", DefaultValueFactory = _ => 500 };
        var output = new Option<string>("--out") { Description = "The episode file to write (MessagePack, docs/episode-format.md).", Required = true };
        var workers = Workers();
        var compress = new Option<string>("--compress")
        {
            Description = "none, or lz4: each trajectory LZ4-compressed (MessagePack-CSharp's Lz4BlockArray; reading it from Python in docs/episode-format.md).",
            DefaultValueFactory = _ => "none",
        };
        var command = new Command("dataset", "Write labelled clips of an uncontrolled env (frames, label, length) to an episode file, generated in parallel.")
        {
            env, trajectories, seed, output, workers, compress,
        };
        command.SetAction(result => CommonOptions.Guard(result, () =>
        {
            string id = result.GetValue(env)!;
            int count = Positive(result.GetValue(trajectories), "--trajectories");
            int threads = Positive(result.GetValue(workers), "--workers");
            bool lz4 = Lz4(result.GetValue(compress)!);
            string path = Path.GetFullPath(result.GetValue(output)!);
            var clock = Stopwatch.StartNew();
            var written = ClipDataset.Write(id, count, result.GetValue(seed), path, threads,
                done => Console.Error.Write($"\r{done}/{count} trajectories"), lz4);
            double seconds = clock.Elapsed.TotalSeconds;
            Console.Error.WriteLine();
            long frames = written.Sum(w => (long)w.Frames);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"wrote {path}: {count} trajectories of {id}, {frames} frames ({written.Min(w => w.Frames)}-{written.Max(w => w.Frames)} per trajectory), {new FileInfo(path).Length / 1e6:F1} MB{(lz4 ? " (lz4)" : "")}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{seconds:F1} s on {threads} workers: {count / seconds:F1} trajectories/s, {frames / seconds:F0} frames/s"));
            LabelTable.Print(written.Select(w => w.Label).ToList());
            return 0;
        }));
        return command;
    }

    /// <summary>The <c>--workers</c> option: trajectories generated at once (default: one per core).</summary>
    public static Option<int> Workers() => new("--workers")
    {
        Description = "Trajectories generated in parallel (default: the number of cores); the output does not depend on it.",
        DefaultValueFactory = _ => Environment.ProcessorCount,
    };

    /// <summary>The <c>--compress</c> value: true for lz4, false for none; throws for anything else.</summary>
    private static bool Lz4(string value) => value switch
    {
        "none" => false,
        "lz4" => true,
        _ => throw new ArgumentException($"--compress must be none or lz4; got '{value}'."),
    };

    /// <summary>Throws unless <paramref name="value"/> is positive.</summary>
    public static int Positive(int value, string option) =>
        value > 0 ? value : throw new ArgumentException($"{option} must be positive; got {value}.");
}
