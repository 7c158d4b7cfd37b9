using System.CommandLine;
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
        var command = new Command("record", "Record episode videos of an agent.") { env, agent, episodes, seed, output, format };
        command.SetAction(result => CommonOptions.Guard(() =>
        {
            int count = result.GetValue(episodes);
            if (count <= 0) throw new ArgumentException($"--episodes must be positive; got {count}.");
            string id = result.GetValue(env)!;
            var made = Gym.Make(id, renderMode: RenderMode.RgbArray);
            using var recorder = RecordVideoFactory.Wrap(made, result.GetValue(output)!, episodeTrigger: _ => true, format: result.GetValue(format));
            int actionCount = recorder.ActionSpace is Discrete discrete ? discrete.N
                : throw new ArgumentException($"{id} has the action space {recorder.ActionSpace}; rl record's agents need Discrete actions.");
            int observationSize = SpaceFlattening.FlatDim(recorder.ObservationSpace);
            var flat = new float[observationSize];
            if (result.GetValue(agent) != "random")
                throw new ArgumentException($"rl record runs an untrained '{result.GetValue(agent)}'; to record a trained agent use `rl eval --run RUN --record-video`.");
            using var actor = AgentChoice.Create(result.GetValue(agent)!, observationSize, actionCount, 1, result.GetValue(seed), null, null);
            var action = new int[1];
            for (int episode = 0; episode < count; episode++)
            {
                var observation = recorder.ResetBoxed(episode == 0 ? result.GetValue(seed) : null).Observation;
                StepResult<object> step;
                do
                {
                    SpaceFlattening.Flatten(recorder.ObservationSpace, observation, flat);
                    actor.Act(flat, action, explore: false);
                    step = recorder.StepBoxed(action[0]);
                    observation = step.Observation;
                } while (!step.Done);
            }
            recorder.Close();
            foreach (var video in recorder.Videos) Console.WriteLine($"wrote {video}");
            return 0;
        }));
        return command;
    }
}
