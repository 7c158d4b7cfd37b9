using System.CommandLine;
using System.Globalization;
using RlFramework.Runner.Training;

namespace RlFramework.Runner.Cli;

/// <summary><c>rl eval --run RUN</c>: runs a trained agent greedily from its latest good checkpoint, optionally recording videos.</summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var run = new Option<string>("--run") { Description = "The run id (see `rl runs`).", Required = true };
        var episodes = CommonOptions.Episodes(10);
        var seed = new Option<int>("--seed") { Description = "The evaluation envs' seed.", DefaultValueFactory = _ => 1_000_000 };
        var output = new Option<string>("--out") { Description = "The runs folder.", DefaultValueFactory = _ => "runs" };
        var record = new Option<bool>("--record-video") { Description = "Write one GIF per episode to the run's videos/ folder." };
        var command = new Command("eval", "Evaluate a trained agent greedily (no exploration) and print its returns.") { run, episodes, seed, output, record };
        command.SetAction(result => CommonOptions.Guard(result, () =>
            Evaluate(result.GetValue(run)!, result.GetValue(episodes), result.GetValue(seed), result.GetValue(output)!, result.GetValue(record))));
        return command;
    }

    private static int Evaluate(string runId, int episodes, int seed, string output, bool recordVideo)
    {
        if (episodes <= 0) throw new ArgumentException($"--episodes must be positive; got {episodes}.");
        using var trained = TrainedPolicy.Load(output, runId, Console.Out);
        using var evaluator = new Evaluator(trained.Spec.EnvId, seed, recordVideo ? Path.Combine(trained.Folder, "videos") : null);
        var returns = trained.Play(evaluator, episodes);
        var checkpoint = trained.Checkpoint;
        for (int i = 0; i < returns.Count; i++)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"episode {i + 1,4}  return {returns[i],8:F1}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{runId} at step {checkpoint.Step}: mean return {returns.Average():F2} over {episodes} greedy episodes (min {returns.Min():F1}, max {returns.Max():F1})"));
        foreach (var video in evaluator.Videos) Console.WriteLine($"wrote {video}");
        return 0;
    }
}
