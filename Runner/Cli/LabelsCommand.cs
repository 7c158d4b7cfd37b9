using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using RlFramework.Runner.Datasets;

namespace RlFramework.Runner.Cli;

/// <summary><c>rl labels</c>: the label distribution of an uncontrolled clip env over many seeds (the trajectories <c>rl dataset</c> would write).</summary>
internal static class LabelsCommand
{
    public static Command Create()
    {
        var env = CommonOptions.Env("FunnelBoard-v0");
        var seed = CommonOptions.Seed();
        var count = new Option<int>("--trajectories") { Description = "How many trajectories (seeds) to label.", DefaultValueFactory = _ => 1000 };
        var workers = DatasetCommand.Workers();
        var command = new Command("labels", "Share of each label over the trajectories `rl dataset` would write with the same --seed.") { env, count, seed, workers };
        command.SetAction(result => CommonOptions.Guard(result, () =>
        {
            string id = result.GetValue(env)!;
            int n = DatasetCommand.Positive(result.GetValue(count), "--trajectories");
            var clock = Stopwatch.StartNew();
            var labels = ClipDataset.Labels(id, n, result.GetValue(seed), DatasetCommand.Positive(result.GetValue(workers), "--workers"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{id}: {n} trajectories from seed {result.GetValue(seed)} in {clock.Elapsed.TotalSeconds:F1} s; frames per trajectory {labels.Min(l => l.Frames)}-{labels.Max(l => l.Frames)}, mean {labels.Average(l => l.Frames):F1}; {labels.Sum(l => l.Rejected)} scenes rejected (resampled)"));
            LabelTable.Print(labels.Select(l => l.Label).ToList());
            return 0;
        }));
        return command;
    }
}
