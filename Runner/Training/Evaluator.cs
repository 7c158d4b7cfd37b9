using RlFramework.Agents;
using RlFramework.Envs;
using RlFramework.Envs.Wrappers;

namespace RlFramework.Runner.Training;

/// <summary>
/// Runs an agent greedily (no exploration) for whole episodes in an env of its own, optionally recording each episode
/// as a GIF. Used by <c>rl eval</c> and by the evaluation subscriber of a training run. It acts through the agent's
/// <see cref="IPolicy{TAct}"/> (one env wide, with its own recurrent state), so evaluating during training leaves the training
/// run as it would have been, whatever the training batch width.
/// </summary>
public sealed class Evaluator : IDisposable
{
    private readonly IEnv _env;
    private readonly IVideoRecorder? _recorder;
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

    /// <summary>Plays <paramref name="episodes"/> episodes of <paramref name="policy"/> (acting for one env) and returns their returns.</summary>
    /// <exception cref="ArgumentException">The policy acts for more than one env.</exception>
    public IReadOnlyList<double> Run<TAct>(IPolicy<TAct> policy, int episodes) where TAct : notnull
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (policy.NumEnvs != 1) throw new ArgumentException($"The evaluator plays one env at a time; the policy acts for {policy.NumEnvs}.", nameof(policy));
        if (episodes <= 0) throw new ArgumentOutOfRangeException(nameof(episodes), episodes, "The number of episodes must be positive.");
        var returns = new List<double>(episodes);
        var action = new TAct[1];
        for (int episode = 0; episode < episodes; episode++)
        {
            var observation = AsVector(_env.ResetBoxed(_nextSeed++).Observation);
            policy.StartEpisode(0);
            double total = 0;
            StepResult<object> step;
            do
            {
                policy.Act(observation, action);
                step = _env.StepBoxed(action[0]);
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
