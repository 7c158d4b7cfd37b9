using System.CommandLine;
using System.Globalization;
using RlFramework.Envs;
using RlFramework.Envs.Wrappers;
using RlFramework.Runner.Runs;
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
        command.SetAction(result => CommonOptions.Guard(() =>
            Evaluate(result.GetValue(run)!, result.GetValue(episodes), result.GetValue(seed), result.GetValue(output)!, result.GetValue(record))));
        return command;
    }

    private static int Evaluate(string runId, int episodes, int seed, string output, bool recordVideo)
    {
        if (episodes <= 0) throw new ArgumentException($"--episodes must be positive; got {episodes}.");
        using var registry = RunRegistry.Open(output);
        string folder = registry.RunFolder(registry.Get(runId).Id);
        var spec = RunSpec.Read(folder);
        var checkpoint = new CheckpointStore(Path.Combine(folder, "checkpoints")).FindLatestGood(out _)
            ?? throw new InvalidDataException($"Run {runId} has no checkpoint that verifies.");
        using var made = Gym.Make(spec.EnvId, renderMode: recordVideo ? RenderMode.RgbArray : null);
        IEnv env = recordVideo ? RecordVideoFactory.Wrap(made, Path.Combine(folder, "videos"), episodeTrigger: _ => true, namePrefix: "eval") : made;
        int observationSize = env.ObservationSpace.Shape is { Count: 1 } shape ? shape[0]
            : throw new ArgumentException($"{spec.EnvId} observes {env.ObservationSpace}; the agents need vector observations.");
        using var agent = AgentChoice.Create(spec.Agent, observationSize, TrainingRun.ActionCount(env), 1, spec.Seed, spec.AgentConfig, spec.TotalSteps);
        agent.Load(Path.Combine(checkpoint.Path, "agent"));
        var returns = new List<double>();
        var action = new int[1];
        for (int episode = 0; episode < episodes; episode++)
        {
            var observation = (float[])env.ResetBoxed(episode == 0 ? seed : null).Observation;
            double total = 0;
            StepResult<object> step;
            do
            {
                agent.Act(observation, action, explore: false);
                step = env.StepBoxed(action[0]);
                total += step.Reward;
                observation = (float[])step.Observation;
            } while (!step.Done);
            returns.Add(total);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"episode {episode + 1,4}  return {total,8:F1}"));
        }
        env.Close();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{runId} at step {checkpoint.Step}: mean return {returns.Average():F2} over {episodes} greedy episodes (min {returns.Min():F1}, max {returns.Max():F1})"));
        if (env is IVideoRecorder recorder)
            foreach (var video in recorder.Videos) Console.WriteLine($"wrote {video}");
        return 0;
    }
}
