using System.Globalization;
using RlFramework.Models;
using RlFramework.Models.Modules;
using RlFramework.Models.Optimizers;
using RlFramework.Replay;

namespace RlFramework.Agents.Drqn;

/// <summary>
/// Deep recurrent Q-learning (Hausknecht &amp; Stone 2015) with the previous action in the input (Zhu et al. 2017), as
/// in Hoyer et al. 2022: an LSTM + linear readout Q-network, episode replay with random windows (hidden state zeroed at
/// the window start) or whole episodes, a target network, <see cref="DrqnConfig.RandomEpisodes"/> (200) episodes of random
/// actions before training, epsilon-greedy exploration, Adam. The LSTM learns by BPTT or by e-prop
/// (<see cref="DrqnConfig.Learner"/>); the TD targets come from the target network either way. Each env keeps its own
/// recurrent state and previous action, reset at <see cref="OffPolicyQAgent.StartEpisode"/> and when an episode ends.
/// </summary>
public sealed class DrqnAgent : OffPolicyQAgent, IPolicySource<int>
{
    private readonly DrqnConfig _config;
    private readonly DrqnNetwork _q, _target;
    private readonly Optimizer _optimizer;
    private readonly IDrqnLearner _learner;
    private SequenceReplayBuffer<int> _replay;
    private readonly SequenceBatch<int> _windows;
    private readonly DrqnBatch _batch;
    private readonly DrqnRecurrentState _state;
    private readonly float[] _qValues;
    /// <summary>The replay's extra field: the action before each step.</summary>
    private static readonly string[] ReplayExtras = [DrqnBatch.PreviousActionField];

    private long _trainingSteps, _updates, _episodes;

    /// <summary>Creates the agent for <paramref name="numEnvs"/> envs with the given observation length and number of actions.</summary>
    /// <param name="config">The hyperparameters.</param>
    /// <param name="observationSize">The observation length.</param>
    /// <param name="actionCount">The number of discrete actions.</param>
    /// <param name="numEnvs">The number of envs.</param>
    /// <param name="seed">The run's seed.</param>
    /// <param name="threads">The thread budget of the tensor kernels.</param>
    public DrqnAgent(DrqnConfig config, int observationSize, int actionCount, int numEnvs = 1, long seed = 0, int threads = 1)
        : base("drqn", "DRQN", observationSize, actionCount, numEnvs, seed, threads)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        _config = config;
        int inputSize = observationSize + actionCount;
        var initialisation = new Generator(seed);
        _q = new DrqnNetwork(inputSize, config.HiddenSize, actionCount, config.ForgetGateBias, initialisation);
        _target = new DrqnNetwork(inputSize, config.HiddenSize, actionCount, 0, initialisation);
        _target.load_state_dict(_q.state_dict());
        _optimizer = config.CreateOptimizer(_q.parameters());
        _learner = config.Learner == DrqnLearnerKind.Bptt
            ? new DrqnBpttLearner(_q, _optimizer, config.MaxGradNorm)
            : new DrqnEPropLearner(_q, _optimizer, config.Feedback, config.Accumulation, config.EPropOptions, config.MaxGradNorm, initialisation);
        int length = config.Sampling == DrqnSampling.RandomWindows ? config.BurnIn + config.WindowLength : config.MaxEpisodeLength;
        _replay = new SequenceReplayBuffer<int>(config.BufferSize, observationSize, numEnvs: numEnvs, seed: seed, extraFields: ReplayExtras);
        _windows = _replay.CreateBatch(config.BatchSize, length);
        _batch = new DrqnBatch(config.BatchSize, length, observationSize, actionCount);
        _state = new DrqnRecurrentState(numEnvs, observationSize, actionCount, config.HiddenSize);
        _qValues = new float[numEnvs * actionCount];
    }

    /// <summary>The hyperparameters.</summary>
    public DrqnConfig Config => _config;

    /// <summary>The online Q-network.</summary>
    public DrqnNetwork QNetwork => _q;

    /// <summary>Episodes finished so far (all envs).</summary>
    public long Episodes => _episodes;

    /// <summary>Gradient steps taken so far.</summary>
    public long Updates => _updates;

    /// <summary>True while the buffer is being filled with random episodes (no learning yet).</summary>
    public bool Filling => _episodes < _config.RandomEpisodes;

    /// <inheritdoc/>
    public override double Epsilon => Filling ? 1.0 : _config.EpsilonAt(_trainingSteps);

    /// <inheritdoc/>
    protected override Module OnlineNetwork => _q;

    /// <inheritdoc/>
    protected override Module TargetNetwork => _target;

    /// <inheritdoc/>
    protected override Optimizer Optimizer => _optimizer;

    /// <inheritdoc/>
    protected override string ConfigJson => _config.ToJson();

    /// <inheritdoc/>
    public IPolicy<int> CreatePolicy(int numEnvs) => new DrqnPolicy(_q, ObservationSize, ActionCount, _config.HiddenSize, numEnvs);

    /// <summary>Steps every env's recurrent state (also where the action is random), then takes the arg-max where the slot is −1.</summary>
    protected override void FillGreedy(ReadOnlySpan<float> observations, Span<int> actions)
    {
        _state.Step(_q, observations, _qValues);
        for (int e = 0; e < NumEnvs; e++)
            if (actions[e] < 0) actions[e] = QValues.ArgMax(_qValues.AsSpan(e * ActionCount, ActionCount));
    }

    /// <inheritdoc/>
    protected override void Store(in Transitions<int> transitions)
    {
        for (int e = 0; e < NumEnvs; e++)
        {
            var row = new Range(e * ObservationSize, (e + 1) * ObservationSize);
            _replay.Add(e, transitions.Observations[row], transitions.Actions[e], (float)transitions.Rewards[e], transitions.NextObservations[row], transitions.Terminated[e], transitions.Truncated[e], [_state.Previous[e]]);
            _state.Previous[e] = transitions.Actions[e];
            if (transitions.Terminated[e] || transitions.Truncated[e])
            {
                _episodes++;
                StartEpisode(e);
            }
        }
    }

    /// <inheritdoc/>
    protected override bool Learning => !Filling;

    /// <summary>One update per train_frequency env steps since the random episodes; the target network follows every target_network_frequency updates.</summary>
    protected override LearnerUpdate? Train()
    {
        long before = _trainingSteps;
        _trainingSteps += NumEnvs;
        LearnerUpdate? update = null;
        for (long k = before / _config.TrainFrequency; k < _trainingSteps / _config.TrainFrequency; k++) update = Learn();
        return update;
    }

    /// <inheritdoc/>
    protected override void OnEpisodeStart(int envIndex) => _state.Reset(envIndex);

    private LearnerUpdate Learn()
    {
        if (_config.Sampling == DrqnSampling.RandomWindows) _replay.SampleWindows(_windows, WindowStart.FullWindows);
        else _replay.SampleEpisodes(_windows);
        _batch.Fill(_windows, _config.Gamma, _config.BurnIn);
        _batch.ComputeTargets(_target);
        var (loss, meanQ) = _learner.Update(_batch);
        if (++_updates % _config.TargetNetworkFrequency == 0) SyncTarget(1);
        return new LearnerUpdate(Steps, loss, meanQ);
    }

    /// <inheritdoc/>
    protected override void AddCheckpointParts(List<(string Prefix, IReadOnlyDictionary<string, Tensor> Tensors)> groups, Dictionary<string, string> metadata)
    {
        groups.Add(("state.", new Dictionary<string, Tensor>(StringComparer.Ordinal)
        {
            ["hidden"] = torch.tensor(_state.Hidden, _state.Hidden.Length),
            ["cell"] = torch.tensor(_state.Cell, _state.Cell.Length),
            ["previous"] = torch.tensor(Array.ConvertAll(_state.Previous, p => (float)p), _state.Previous.Length),
        }));
        metadata["counters"] = string.Join(',', new[] { Iterations, _trainingSteps, _updates, _episodes }.Select(c => c.ToString(CultureInfo.InvariantCulture)));
    }

    /// <inheritdoc/>
    protected override void RestoreCheckpointParts(IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string> metadata, string folder)
    {
        var state = AgentCheckpoint.Group(tensors, "state.");
        if (state["hidden"].numel() != _state.Hidden.Length)
            throw new InvalidDataException($"{folder}'s recurrent state has {state["hidden"].numel()} values; this agent needs {_state.Hidden.Length}.");
        state["hidden"].data<float>().CopyTo(_state.Hidden);
        state["cell"].data<float>().CopyTo(_state.Cell);
        var previous = state["previous"].data<float>();
        for (int e = 0; e < NumEnvs; e++) _state.Previous[e] = (int)previous[e];
        var counters = metadata["counters"].Split(',').Select(c => long.Parse(c, CultureInfo.InvariantCulture)).ToArray();
        (Iterations, _trainingSteps, _updates, _episodes) = (counters[0], counters[1], counters[2], counters[3]);
    }

    /// <inheritdoc/>
    protected override void SaveReplay(string path) => _replay.Save(path);

    /// <inheritdoc/>
    protected override void LoadReplay(string path, string folder)
    {
        var replay = SequenceReplayBuffer<int>.Load(path, formerActionExtras: ReplayExtras); // a version-1 file kept the previous action as a second action element
        if (replay.Capacity != _config.BufferSize || replay.ObservationSize != ObservationSize || replay.ActionSize != 1 || !replay.ExtraFields.SequenceEqual(ReplayExtras) || replay.NumEnvs != NumEnvs)
        {
            throw new InvalidDataException($"{folder}'s replay buffer holds {replay.Capacity} steps of {replay.ObservationSize} values with the extra fields [{string.Join(", ", replay.ExtraFields)}] for {replay.NumEnvs} envs; "
                + $"this agent needs {_config.BufferSize} of {ObservationSize} with [{string.Join(", ", ReplayExtras)}] for {NumEnvs}.");
        }

        _replay = replay;
    }
}
