using RlFramework.Models.Modules;

namespace RlFramework.Agents.Ppo;

/// <summary>
/// Proximal policy optimisation for Discrete actions, as CleanRL's ppo.py (defaults: <c>new PpoConfig()</c>): a
/// categorical policy over the actor's logits. See <see cref="PpoLearner"/> for the algorithm; the greedy policy is
/// the arg-max of the logits.
/// </summary>
public sealed class PpoAgent : IAgent<int>, IPolicySource<int>
{
    private const string WeightsFile = "ppo.safetensors";
    private readonly PpoLearner _learner;
    private readonly int _observationSize, _actionCount;

    /// <summary>Creates the agent for <paramref name="numEnvs"/> envs (config.NumEnvs) of the given observation length and number of actions.</summary>
    public PpoAgent(PpoConfig config, int observationSize, int actionCount, int numEnvs, long seed = 0)
    {
        if (actionCount < 2) throw new ArgumentOutOfRangeException(nameof(actionCount), actionCount, "PPO needs at least two discrete actions.");
        _learner = new PpoLearner(config, new CategoricalHead(actionCount), observationSize, numEnvs, seed);
        (_observationSize, _actionCount) = (observationSize, actionCount);
    }

    /// <inheritdoc/>
    public string Name => "ppo";

    /// <summary>The hyperparameters.</summary>
    public PpoConfig Config => _learner.Config;

    /// <summary>Every trainable parameter (critic, then actor).</summary>
    public IReadOnlyList<Parameter> Parameters => _learner.Parameters;

    /// <inheritdoc/>
    public double Epsilon => double.NaN;

    /// <inheritdoc/>
    public long Steps => _learner.Steps;

    /// <inheritdoc/>
    public void Act(ReadOnlySpan<float> observations, Span<int> actions, bool explore)
    {
        if (actions.Length != _learner.Config.NumEnvs) throw new ArgumentException($"PPO acts for {_learner.Config.NumEnvs} envs; got {actions.Length} action slots.", nameof(actions));
        var chosen = _learner.Act(observations, explore);
        for (int e = 0; e < actions.Length; e++) actions[e] = (int)chosen[e];
    }

    /// <inheritdoc/>
    public LearnerUpdate? Observe(in Transitions<int> transitions) =>
        _learner.Observe(transitions.Rewards, transitions.Terminated, transitions.Truncated, transitions.NextObservations);

    /// <inheritdoc/>
    public IPolicy<int> CreatePolicy(int numEnvs) => new PpoPolicy(_learner, _observationSize, numEnvs);

    /// <inheritdoc/>
    public void StartEpisode(int envIndex) => PolicyShape.CheckEnv(envIndex, _learner.Config.NumEnvs);

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

    /// <summary>The greedy policy: the arg-max of the actor's logits.</summary>
    private sealed class PpoPolicy(PpoLearner learner, int observationSize, int numEnvs) : IPolicy<int>
    {
        private readonly float[] _actions = new float[PolicyShape.RequirePositive(numEnvs)];

        public int NumEnvs => numEnvs;

        public void Act(ReadOnlySpan<float> observations, Span<int> actions)
        {
            PolicyShape.Check("PPO", numEnvs, observationSize, observations.Length, actions.Length);
            learner.Greedy(observations, _actions);
            for (int e = 0; e < numEnvs; e++) actions[e] = (int)_actions[e];
        }

        public void StartEpisode(int envIndex) => PolicyShape.CheckEnv(envIndex, numEnvs);
    }
}
