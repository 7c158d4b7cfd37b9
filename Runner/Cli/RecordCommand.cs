using System.CommandLine;
using RlFramework.Agents;
using RlFramework.Envs;
using RlFramework.Envs.Spaces;
using RlFramework.Envs.Wrappers;
using RlFramework.Renders.Video;

namespace RlFramework.Runner.Cli;

/// <summary><c>rl record</c>: runs an agent for a few episodes and writes one video per episode.</summary>
internal static class RecordCommand
{
    public static Command Create()
    {
        var env = CommonOptions.Env();
        var agent = CommonOptions.Agent();
        var episodes = CommonOptions.Episodes(3);
        var seed = CommonOptions.Seed();
        var output = new Option<string>("--out") { Description = "The folder for the videos.", DefaultValueFactory = _ => "videos" };
        var format = new Option<VideoFormat>("--format") { Description = "gif (no dependency) or mp4 (needs ffmpeg).", DefaultValueFactory = _ => VideoFormat.Gif };
        var run = new Option<string?>("--run") { Description = "Record this trained run's greedy policy (its env, latest good checkpoint) instead of --agent." };
        var runs = new Option<string>("--runs") { Description = "The runs folder of --run.", DefaultValueFactory = _ => "runs" };
        agent.Description = "The agent without --run: random (a trained agent is recorded with --run RUN).";
        var command = new Command("record", "Record episode videos of a random agent or a trained run.") { env, agent, episodes, seed, output, format, run, runs };
        command.SetAction(result => CommonOptions.Guard(result, () =>
        {
            int count = result.GetValue(episodes);
            if (count <= 0) throw new ArgumentException($"--episodes must be positive; got {count}.");
            string? runId = result.GetValue(run);
            if (runId is not null && (result.GetResult(env) is { Implicit: false } || result.GetResult(agent) is { Implicit: false }))
                throw new ArgumentException("--run records the run's own env and agent; drop --env and --agent.");
            if (runId is null && result.GetValue(agent) != "random")
                throw new ArgumentException($"rl record --agent takes 'random' only; got '{result.GetValue(agent)}'. Record a trained agent with --run RUN.");
            using var trained = runId is null ? null : TrainedPolicy.Load(result.GetValue(runs)!, runId, Console.Out);
            string id = trained?.Spec.EnvId ?? result.GetValue(env)!;
            var made = Gym.Make(id, renderMode: RenderMode.RgbArray);
            using var recorder = RecordVideoFactory.Wrap(made, result.GetValue(output)!, episodeTrigger: _ => true, format: result.GetValue(format));
            int observationSize = SpaceFlattening.FlatDim(recorder.ObservationSpace);
            var flat = new float[observationSize];
            void Play<TAct>(IPolicy<TAct> policy) where TAct : notnull
            {
                var action = new TAct[1];
                for (int episode = 0; episode < count; episode++)
                {
                    var observation = recorder.ResetBoxed(episode == 0 ? result.GetValue(seed) : null).Observation;
                    policy.StartEpisode(0);
                    StepResult<object> step;
                    do
                    {
                        SpaceFlattening.Flatten(recorder.ObservationSpace, observation, flat);
                        policy.Act(flat, action);
                        step = recorder.StepBoxed(action[0]);
                        observation = step.Observation;
                    } while (!step.Done);
                }
            }
            if (trained?.Continuous is { } continuous)
            {
                Play(continuous);
            }
            else
            {
                int actionCount = recorder.ActionSpace is Discrete discrete ? discrete.N
                    : throw new ArgumentException($"{id} has the action space {recorder.ActionSpace}; the random agent of rl record needs Discrete actions.");
                using var random = new RandomAgent(actionCount, 1, result.GetValue(seed));
                Play(trained?.Discrete ?? random.CreatePolicy(1));
            }
            recorder.Close();
            foreach (var video in recorder.Videos) Console.WriteLine($"wrote {video}");
            return 0;
        }));
        return command;
    }
}
