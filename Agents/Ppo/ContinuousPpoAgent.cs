using RlFramework.Envs.Spaces;
using RlFramework.Models.Modules;

namespace RlFramework.Agents.Ppo;

/// <summary>
/// Proximal policy optimisation for Box actions, as CleanRL's ppo_continuous_action.py (defaults:
/// <see cref="PpoConfig.Continuous"/>): a diagonal Gaussian around the actor's output with a state-independent
/// log-std, observation and reward normalisation. The env receives the sampled action clipped to the space's bounds
/// (Gymnasium's ClipAction); the rollout keeps the unclipped sample, whose log-probability the update needs. The
/// greedy policy is the Gaussian's mean, clipped.
/// </summary>
public sealed class ContinuousPpoAgent : IAgent<float[]>, IPolicySource<float[]>
{
    private const string WeightsFile = "ppo.safetensors";
    private readonly PpoLearner _learner;
    private readonly GaussianHead _head;
    private readonly Box<float> _actionSpace;
    private readonly int _observationSize;
    private readonly float[][] _envActions;

    /// <summary>Creates the agent for <paramref name="numEnvs"/> envs (config.NumEnvs) acting in the 1-D Box <paramref name="actionSpace"/>.</summary>
    public ContinuousPpoAgent(PpoConfig config, int observationSize, Box<float> actionSpace, int numEnvs, long seed = 0)
    {
        ArgumentNullException.ThrowIfNull(actionSpace);
        if (actionSpace.Shape.Count != 1) throw new ArgumentException($"Continuous PPO acts in a 1-D Box; got {actionSpace}.", nameof(actionSpace));
        _head = new GaussianHead(actionSpace.Size);
        _learner = new PpoLearner(config, _head, observationSize, numEnvs, seed);
        (_actionSpace, _observationSize) = (actionSpace, observationSize);
        _envActions = Enumerable.Range(0, numEnvs).Select(_ => new float[actionSpace.Size]).ToArray();
    }

    /// <inheritdoc/>
    public string Name => "ppo";

    /// <summary>The hyperparameters.</summary>
    public PpoConfig Config => _learner.Config;

    /// <summary>Every trainable parameter (critic, actor, then the log-std).</summary>
    public IReadOnlyList<Parameter> Parameters => _learner.Parameters;

    /// <summary>The learner: its rollout and statistics, for tests.</summary>
    internal PpoLearner Learner => _learner;

    /// <summary>The Gaussian's log standard deviation, shape [1, action size].</summary>
    public Parameter LogStd => _head.LogStd;

    /// <inheritdoc/>
    public double Epsilon => double.NaN;

    /// <inheritdoc/>
    public long Steps => _learner.Steps;

    /// <inheritdoc/>
    public void Act(ReadOnlySpan<float> observations, Span<float[]> actions, bool explore)
    {
        if (actions.Length != _envActions.Length) throw new ArgumentException($"PPO acts for {_envActions.Length} envs; got {actions.Length} action slots.", nameof(actions));
        Clip(_learner.Act(observations, explore), _envActions, actions);
    }

    /// <summary>Copies each row of <paramref name="sampled"/>, clipped to the space, into <paramref name="rows"/> and hands those out.</summary>
    private void Clip(ReadOnlySpan<float> sampled, float[][] rows, Span<float[]> actions)
    {
        int size = _actionSpace.Size;
        for (int e = 0; e < actions.Length; e++)
        {
            for (int d = 0; d < size; d++) rows[e][d] = Math.Clamp(sampled[e * size + d], _actionSpace.Low[d], _actionSpace.High[d]);
            actions[e] = rows[e];
        }
    }

    /// <inheritdoc/>
    public LearnerUpdate? Observe(in Transitions<float[]> transitions) =>
        _learner.Observe(transitions.Rewards, transitions.Terminated, transitions.Truncated, transitions.NextObservations);

    /// <inheritdoc/>
    public IPolicy<float[]> CreatePolicy(int numEnvs) => new GaussianMeanPolicy(this, PolicyShape.RequirePositive(numEnvs));

    /// <inheritdoc/>
    public void StartEpisode(int envIndex) => PolicyShape.CheckEnv(envIndex, _envActions.Length);

    /// <inheritdoc/>
    public void Save(string folder)
    {
        Directory.CreateDirectory(folder);
        _learner.Save(Path.Combine(folder, WeightsFile), Name);
    }

    /// <inheritdoc/>
    public void Load(string folder) => _learner.Load(Path.Combine(folder, WeightsFile), Name);

    /// <inheritdoc/>
    public void Dispose() => _learner.Dispose();

    /// <summary>The greedy policy: the Gaussian's mean, clipped to the space.</summary>
    private sealed class GaussianMeanPolicy(ContinuousPpoAgent agent, int numEnvs) : IPolicy<float[]>
    {
        private readonly float[] _means = new float[numEnvs * agent._actionSpace.Size];
        private readonly float[][] _rows = Enumerable.Range(0, numEnvs).Select(_ => new float[agent._actionSpace.Size]).ToArray();

        public int NumEnvs => numEnvs;

        public void Act(ReadOnlySpan<float> observations, Span<float[]> actions)
        {
            PolicyShape.Check("PPO", numEnvs, agent._observationSize, observations.Length, actions.Length);
            agent._learner.Greedy(observations, _means);
            agent.Clip(_means, _rows, actions);
        }

        public void StartEpisode(int envIndex) => PolicyShape.CheckEnv(envIndex, numEnvs);
    }
}
