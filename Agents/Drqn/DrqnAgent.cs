using System.Globalization;
using RlFramework.Envs.Seeding;
using RlFramework.Models;
using RlFramework.Models.Optimizers;
using RlFramework.Replay;

namespace RlFramework.Agents.Drqn;

/// <summary>
/// Deep recurrent Q-learning (Hausknecht &amp; Stone 2015) with the previous action in the input (Zhu et al. 2017), as
/// in Hoyer et al. 2022: an LSTM + linear readout Q-network, episode replay with random windows (hidden state zeroed at
/// the window start) or whole episodes, a target network, <see cref="DrqnConfig.RandomEpisodes"/> (200) episodes of random
/// actions before training, epsilon-greedy exploration, Adam. The LSTM learns by BPTT or by e-prop
/// (<see cref="DrqnConfig.Learner"/>); the TD targets come from the target network either way. Each env keeps its own
/// recurrent state and previous action, reset at <see cref="StartEpisode"/> and when an episode ends.
/// </summary>
public sealed class DrqnAgent : IAgent<int>, IPolicySource<int>
{
    private const string WeightsFile = "drqn.safetensors", ReplayFile = "replay.bin";

    private readonly DrqnConfig _config;
    private readonly int _observationSize, _actionCount, _numEnvs;
    private readonly DrqnNetwork _q, _target;
    private readonly Optimizer _optimizer;
    private readonly IDrqnLearner _learner;
    private SequenceReplayBuffer<int> _replay;
    private readonly SequenceBatch<int> _windows;
    private readonly DrqnBatch _batch;
    private readonly RandomGenerator _random;
    private readonly DrqnRecurrentState _state;
    private readonly float[] _qValues;
    private readonly int[] _stored = new int[2];
    private long _iterations, _trainingSteps, _updates, _episodes;

    /// <summary>Creates the agent for <paramref name="numEnvs"/> envs with the given observation length and number of actions.</summary>
    public DrqnAgent(DrqnConfig config, int observationSize, int actionCount, int numEnvs = 1, long seed = 0)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        if (observationSize <= 0) throw new ArgumentOutOfRangeException(nameof(observationSize), observationSize, "The observation length must be positive.");
        if (actionCount < 2) throw new ArgumentOutOfRangeException(nameof(actionCount), actionCount, "DRQN needs at least two discrete actions.");
        if (numEnvs <= 0) throw new ArgumentOutOfRangeException(nameof(numEnvs), numEnvs, "The number of envs must be positive.");
        if (seed < 0) throw new ArgumentOutOfRangeException(nameof(seed), seed, "The seed must be non-negative.");
        (_config, _observationSize, _actionCount, _numEnvs) = (config, observationSize, actionCount, numEnvs);
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
        _replay = new SequenceReplayBuffer<int>(config.BufferSize, observationSize, actionSize: 2, numEnvs, seed);
        _windows = _replay.CreateBatch(config.BatchSize, length);
        _batch = new DrqnBatch(config.BatchSize, length, observationSize, actionCount);
        _random = RandomGenerator.Derive(seed, "drqn-exploration");
        _state = new DrqnRecurrentState(numEnvs, observationSize, actionCount, config.HiddenSize);
        _qValues = new float[numEnvs * actionCount];
    }

    /// <inheritdoc/>
    public string Name => "drqn";

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
    public double Epsilon => Filling ? 1.0 : _config.EpsilonAt(_trainingSteps);

    /// <inheritdoc/>
    public long Steps => _iterations * _numEnvs;

    /// <inheritdoc/>
    public void Act(ReadOnlySpan<float> observations, Span<int> actions, bool explore)
    {
        if (actions.Length != _numEnvs || observations.Length != _numEnvs * _observationSize)
            throw new ArgumentException($"DRQN acts for {_numEnvs} envs of {_observationSize} values; got {actions.Length} action slots and {observations.Length} values.");
        _state.Step(_q, observations, _qValues);
        double epsilon = explore ? Epsilon : 0;
        for (int e = 0; e < _numEnvs; e++)
        {
            if (explore && _random.Random() < epsilon) { actions[e] = (int)_random.Integers(_actionCount); continue; }
            actions[e] = QValues.ArgMax(_qValues.AsSpan(e * _actionCount, _actionCount));
        }
    }

    /// <inheritdoc/>
    public IPolicy<int> CreatePolicy(int numEnvs) => new DrqnPolicy(_q, _observationSize, _actionCount, _config.HiddenSize, numEnvs);

    /// <inheritdoc/>
    public LearnerUpdate? Observe(in Transitions<int> transitions)
    {
        if (transitions.NumEnvs != _numEnvs || transitions.ObservationSize != _observationSize)
            throw new ArgumentException($"DRQN observes {_numEnvs} envs of {_observationSize} values; got {transitions.NumEnvs} envs of {transitions.ObservationSize}.");
        bool training = !Filling;
        for (int e = 0; e < _numEnvs; e++)
        {
            var row = new Range(e * _observationSize, (e + 1) * _observationSize);
            (_stored[0], _stored[1]) = (transitions.Actions[e], _state.Previous[e]);
            _replay.Add(e, transitions.Observations[row], _stored, (float)transitions.Rewards[e], transitions.NextObservations[row], transitions.Terminated[e], transitions.Truncated[e]);
            _state.Previous[e] = transitions.Actions[e];
            if (transitions.Terminated[e] || transitions.Truncated[e])
            {
                _episodes++;
                StartEpisode(e);
            }
        }
        _iterations++;
        if (!training) return null;
        long before = _trainingSteps;
        _trainingSteps += _numEnvs;
        LearnerUpdate? update = null;
        for (long k = before / _config.TrainFrequency; k < _trainingSteps / _config.TrainFrequency; k++) update = Learn(); // one update per train_frequency env steps
        return update;
    }

    /// <inheritdoc/>
    public void StartEpisode(int envIndex)
    {
        if ((uint)envIndex >= (uint)_numEnvs) throw new ArgumentOutOfRangeException(nameof(envIndex), envIndex, $"The agent acts for {_numEnvs} envs.");
        _state.Reset(envIndex);
    }

    private LearnerUpdate Learn()
    {
        if (_config.Sampling == DrqnSampling.RandomWindows) _replay.SampleWindows(_windows, WindowStart.FullWindows);
        else _replay.SampleEpisodes(_windows);
        _batch.Fill(_windows, _config.Gamma, _config.BurnIn);
        _batch.ComputeTargets(_target);
        var (loss, meanQ) = _learner.Update(_batch);
        if (++_updates % _config.TargetNetworkFrequency == 0) _target.load_state_dict(_q.state_dict());
        return new LearnerUpdate(Steps, loss, meanQ);
    }

    /// <inheritdoc/>
    public void Save(string folder)
    {
        Directory.CreateDirectory(folder);
        var state = new Dictionary<string, Tensor>(StringComparer.Ordinal)
        {
            ["hidden"] = torch.tensor(_state.Hidden, _state.Hidden.Length),
            ["cell"] = torch.tensor(_state.Cell, _state.Cell.Length),
            ["previous"] = torch.tensor(Array.ConvertAll(_state.Previous, p => (float)p), _state.Previous.Length),
        };
        string counters = string.Join(',', new[] { _iterations, _trainingSteps, _updates, _episodes }.Select(c => c.ToString(CultureInfo.InvariantCulture)));
        AgentCheckpoint.Save(Path.Combine(folder, WeightsFile), Name, _config.ToJson(), _optimizer, _random,
            [("q.", _q.state_dict()), ("target.", _target.state_dict()), ("state.", state)], new Dictionary<string, string> { ["counters"] = counters });
        _replay.Save(Path.Combine(folder, ReplayFile));
    }

    /// <inheritdoc/>
    public void Load(string folder)
    {
        var (tensors, metadata) = AgentCheckpoint.Read(Path.Combine(folder, WeightsFile), Name);
        var replay = SequenceReplayBuffer<int>.Load(Path.Combine(folder, ReplayFile));
        if (replay.Capacity != _config.BufferSize || replay.ObservationSize != _observationSize || replay.ActionSize != 2 || replay.NumEnvs != _numEnvs)
            throw new InvalidDataException($"{folder}'s replay buffer holds {replay.Capacity} steps of {replay.ObservationSize} values for {replay.NumEnvs} envs; this agent needs {_config.BufferSize} of {_observationSize} for {_numEnvs}.");
        var state = AgentCheckpoint.Group(tensors, "state.");
        if (state["hidden"].numel() != _state.Hidden.Length)
            throw new InvalidDataException($"{folder}'s recurrent state has {state["hidden"].numel()} values; this agent needs {_state.Hidden.Length}.");
        _q.load_state_dict(AgentCheckpoint.Group(tensors, "q."));
        _target.load_state_dict(AgentCheckpoint.Group(tensors, "target."));
        AgentCheckpoint.Restore(tensors, metadata, _optimizer, _random);
        state["hidden"].data<float>().CopyTo(_state.Hidden);
        state["cell"].data<float>().CopyTo(_state.Cell);
        var previous = state["previous"].data<float>();
        for (int e = 0; e < _numEnvs; e++) _state.Previous[e] = (int)previous[e];
        var counters = metadata["counters"].Split(',').Select(c => long.Parse(c, CultureInfo.InvariantCulture)).ToArray();
        (_iterations, _trainingSteps, _updates, _episodes) = (counters[0], counters[1], counters[2], counters[3]);
        _replay = replay;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _q.Dispose();
        _target.Dispose();
    }
}
