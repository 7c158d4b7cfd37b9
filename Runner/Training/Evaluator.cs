using RlFramework.Agents;
using RlFramework.Envs;
using RlFramework.Envs.Wrappers;

namespace RlFramework.Runner.Training;

/// <summary>
/// Runs an agent greedily (no exploration) for whole episodes in an env of its own, optionally recording each episode
/// as a GIF. Used by <c>rl eval</c> and by the evaluation subscriber of a training run. Greedy acting draws no random
/// numbers from the agent, so evaluating during training does not change the training run.
/// </summary>
public sealed class Evaluator : IDisposable
{
    private readonly IEnv _env;
    private readonly IVideoRecorder? _recorder;
    private readonly int[] _action = new int[1];
    private int _nextSeed;

    /// <summary>Makes the env <paramref name="envId"/>; with <paramref name="videoFolder"/>, records every episode there as <c>{videoPrefix}-episode-{n}.gif</c>.</summary>
    public Evaluator(string envId, int seed, string? videoFolder = null, string videoPrefix = "eval")
    {
        var env = Gym.Make(envId, renderMode: videoFolder is null ? null : RenderMode.RgbArray);
        _recorder = videoFolder is null ? null : RecordVideoFactory.Wrap(env, videoFolder, episodeTrigger: _ => true, namePrefix: videoPrefix);
        _env = _recorder ?? env;
        _nextSeed = seed;
    }

    /// <summary>The videos written so far.</summary>
    public IReadOnlyList<string> Videos => _recorder?.Videos ?? [];

    /// <summary>Plays <paramref name="episodes"/> greedy episodes of <paramref name="agent"/> (acting for one env) and returns their returns.</summary>
    public IReadOnlyList<double> Run(IAgent agent, int episodes)
    {
        ArgumentNullException.ThrowIfNull(agent);
        if (episodes <= 0) throw new ArgumentOutOfRangeException(nameof(episodes), episodes, "The number of episodes must be positive.");
        var returns = new List<double>(episodes);
        for (int episode = 0; episode < episodes; episode++)
        {
            var observation = AsVector(_env.ResetBoxed(_nextSeed++).Observation);
            double total = 0;
            StepResult<object> step;
            do
            {
                agent.Act(observation, _action, explore: false);
                step = _env.StepBoxed(_action[0]);
                total += step.Reward;
                observation = AsVector(step.Observation);
            } while (!step.Done);
            returns.Add(total);
        }
        _recorder?.StopRecording();
        return returns;
    }

    private float[] AsVector(object observation) => observation as float[]
        ?? throw new ArgumentException($"{_env} observes {observation.GetType().Name}; the evaluator's agents need float vectors.");

    /// <inheritdoc/>
    public void Dispose() => _env.Dispose();
}
