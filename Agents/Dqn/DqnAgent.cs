using RlFramework.Envs.Seeding;
using RlFramework.Models;
using RlFramework.Models.Kernels;
using RlFramework.Models.Modules;
using RlFramework.Models.Optimizers;
using RlFramework.Replay;
using System.Globalization;

namespace RlFramework.Agents.Dqn;

/// <summary>
/// Deep Q-learning as CleanRL's dqn.py: an MLP Q-network, a uniform replay buffer, a target network, epsilon-greedy
/// exploration on a linear schedule, Adam. Truncated episodes bootstrap from their final observation; terminated ones
/// do not. Options: double DQN, Huber loss, gradient-norm clipping, soft target updates (tau &lt; 1), n-step returns.
/// The schedule counts iterations (one step of every env), as CleanRL's global_step. When, at construction,
/// <see cref="torch.get_num_threads"/> is above 1 (the default on a multi-core machine), each gradient step computes
/// its TD targets (the target network's forward pass) on a second thread while the online network's forward pass
/// runs; the results are bit-identical to one thread's.
/// </summary>
public sealed class DqnAgent : IAgent<int>, IPolicySource<int>
{
    private const string WeightsFile = "dqn.safetensors", ReplayFile = "replay.bin", PendingFile = "nstep.json";

    /// <summary>Each stored action is [action, k]: the n-step horizon k sets the bootstrap discount γ^k.</summary>
    private const int StoredActionSize = 2;

    private readonly DqnConfig _config;
    private readonly int _observationSize, _actionCount, _numEnvs;
    private readonly Sequential _q, _target;
    private readonly Optimizer _optimizer;
    private ReplayBuffer<int> _replay;
    private readonly TransitionBatch<int> _batch;
    private readonly float[] _tdTargets, _batchActions;

    /// <summary>Computes the TD targets on a second core while the online network's forward pass runs; null on one thread.</summary>
    private readonly OverlappedWork? _tdTargetWork;

    /// <summary>γ^k for k = 0..n, the bootstrap discount of a transition stored with n-step horizon k.</summary>
    private readonly float[] _discounts;
    private readonly NStepAccumulator _nSteps;
    private readonly RandomGenerator _random;
    private long _iterations, _episodes;

    /// <summary>Creates the agent for <paramref name="numEnvs"/> envs with the given observation length and number of actions.</summary>
    public DqnAgent(DqnConfig config, int observationSize, int actionCount, int numEnvs = 1, long seed = 0)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        if (observationSize <= 0) throw new ArgumentOutOfRangeException(nameof(observationSize), observationSize, "The observation length must be positive.");
        if (actionCount < 2) throw new ArgumentOutOfRangeException(nameof(actionCount), actionCount, "DQN needs at least two discrete actions.");
        if (numEnvs <= 0) throw new ArgumentOutOfRangeException(nameof(numEnvs), numEnvs, "The number of envs must be positive.");
        if (seed < 0) throw new ArgumentOutOfRangeException(nameof(seed), seed, "The seed must be non-negative.");
        (_config, _observationSize, _actionCount, _numEnvs) = (config, observationSize, actionCount, numEnvs);
        var initialisation = new Generator(seed);
        _q = BuildNetwork(initialisation);
        _target = BuildNetwork(initialisation);
        _target.load_state_dict(_q.state_dict());
        _optimizer = torch.optim.Adam(_q.parameters(), config.LearningRate);
        _replay = new ReplayBuffer<int>(config.BufferSize, observationSize, actionSize: StoredActionSize, seed: seed);
        _batch = _replay.CreateBatch(config.BatchSize);
        (_tdTargets, _batchActions) = (new float[config.BatchSize], new float[config.BatchSize]);
        if (torch.get_num_threads() > 1) _tdTargetWork = new OverlappedWork(ComputeTdTargets, "RlFramework DQN TD targets");
        _nSteps = new NStepAccumulator(numEnvs, observationSize, config.NSteps, config.Gamma);
        _discounts = new float[config.NSteps + 1];
        for (int k = 0; k < _discounts.Length; k++) _discounts[k] = (float)Math.Pow(config.Gamma, k);
        _random = RandomGenerator.Derive(seed, "dqn-exploration");
    }

    /// <inheritdoc/>
    public string Name => "dqn";

    /// <summary>The hyperparameters.</summary>
    public DqnConfig Config => _config;

    /// <summary>The replay buffer (stored actions are [action, n-step horizon]).</summary>
    internal ReplayBuffer<int> Replay => _replay;

    /// <summary>The online Q-network.</summary>
    public Sequential QNetwork => _q;

    /// <inheritdoc/>
    public double Epsilon => _config.EpsilonAt(_iterations, _episodes);

    /// <inheritdoc/>
    public long Steps => _iterations * _numEnvs;

    /// <inheritdoc/>
    public void Act(ReadOnlySpan<float> observations, Span<int> actions, bool explore)
    {
        if (actions.Length != _numEnvs || observations.Length != _numEnvs * _observationSize)
            throw new ArgumentException($"DQN acts for {_numEnvs} envs of {_observationSize} values; got {actions.Length} action slots and {observations.Length} values.");
        double epsilon = explore ? Epsilon : 0;
        bool anyGreedy = false;
        for (int e = 0; e < actions.Length; e++)
        {
            bool random = explore && _random.Random() < epsilon;
            actions[e] = random ? (int)_random.Integers(_actionCount) : -1;
            anyGreedy |= !random;
        }
        if (anyGreedy) QValues.FillGreedy(_q, observations, actions, _observationSize, _actionCount);
    }

    /// <inheritdoc/>
    public IPolicy<int> CreatePolicy(int numEnvs) => new DqnPolicy(_q, _observationSize, _actionCount, numEnvs);

    /// <inheritdoc/>
    public LearnerUpdate? Observe(in Transitions<int> transitions)
    {
        if (transitions.NumEnvs != _numEnvs || transitions.ObservationSize != _observationSize)
            throw new ArgumentException($"DQN observes {_numEnvs} envs of {_observationSize} values; got {transitions.NumEnvs} envs of {transitions.ObservationSize}.");
        for (int e = 0; e < _numEnvs; e++)
        {
            var row = new Range(e * _observationSize, (e + 1) * _observationSize);
            _nSteps.Push(e, transitions.Observations[row], transitions.Actions[e], transitions.Rewards[e], transitions.NextObservations[row],
                transitions.Terminated[e], transitions.Truncated[e], _replay);
            if (transitions.Terminated[e] || transitions.Truncated[e]) _episodes++;
        }
        _iterations++;
        LearnerUpdate? update = null;
        if (_iterations > _config.LearningStarts && _iterations % _config.TrainFrequency == 0) update = Learn();
        if (_iterations > _config.LearningStarts && _iterations % _config.TargetNetworkFrequency == 0) UpdateTarget();
        return update;
    }

    /// <inheritdoc/>
    public void StartEpisode(int envIndex)
    {
        if ((uint)envIndex >= (uint)_numEnvs) throw new ArgumentOutOfRangeException(nameof(envIndex), envIndex, $"The agent acts for {_numEnvs} envs.");
    }

    private LearnerUpdate Learn()
    {
        _replay.Sample(_batch);
        _tdTargetWork?.Start();
        using var scope = torch.NewDisposeScope();
        int size = _config.BatchSize;
        for (int i = 0; i < size; i++) _batchActions[i] = _batch.Actions[i * StoredActionSize];
        var predicted = _q.forward(torch.tensor(_batch.Observations, size, _observationSize))
            .gather(1, torch.tensor(_batchActions.AsSpan(0, size), size, 1)).squeeze(1);
        _optimizer.zero_grad(); // still independent of the TD targets
        if (_tdTargetWork is { } work) work.Join();
        else ComputeTdTargets();
        var target = torch.tensor(_tdTargets.AsSpan(0, size), size);
        var loss = _config.Loss == DqnLoss.Huber ? torch.nn.functional.huber_loss(predicted, target) : torch.nn.functional.mse_loss(predicted, target);
        loss.backward();
        if (_config.MaxGradNorm is double maxNorm) torch.nn.utils.clip_grad_norm_(_q.parameters(), maxNorm);
        _optimizer.step();
        double meanQ = 0;
        foreach (var v in predicted.data<float>()) meanQ += v;
        return new LearnerUpdate(Steps, loss.item<float>(), meanQ / size);
    }

    /// <summary>
    /// The sampled batch's TD targets r + γ^k · V(s') (0 after termination) into <c>_tdTargets</c>. It reads the batch,
    /// the target network and, for double DQN, the online network before this step's update, and writes nothing else,
    /// so it can run on a second thread while the online forward pass runs; the values are the same on either thread.
    /// </summary>
    private void ComputeTdTargets()
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        int size = _config.BatchSize;
        var next = torch.tensor(_batch.NextObservations, size, _observationSize);
        var nextQ = _target.forward(next);
        var nextValue = _config.DoubleDqn ? nextQ.gather(1, _q.forward(next).argmax(1, keepdim: true)).squeeze(1) : nextQ.max(1).values;
        var values = nextValue.data<float>();
        for (int i = 0; i < size; i++)
        {
            int horizon = _batch.Actions[i * StoredActionSize + 1];
            float bootstrap = _batch.Terminated[i] ? 0f : _discounts[horizon];
            _tdTargets[i] = _batch.Rewards[i] + bootstrap * values[i];
        }
    }

    private void UpdateTarget()
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        float tau = (float)_config.Tau;
        foreach (var (target, online) in _target.parameters().Zip(_q.parameters()))
        {
            if (tau == 1f) target.copy_(online);
            else target.mul_(1f - tau).add_(online, tau);
        }
    }

    private Sequential BuildNetwork(Generator generator)
    {
        var layers = new List<Module<Tensor, Tensor>>();
        int inputs = _observationSize;
        foreach (int hidden in _config.HiddenSizes)
        {
            layers.Add(torch.nn.Linear(inputs, hidden, generator: generator));
            layers.Add(torch.nn.ReLU());
            inputs = hidden;
        }
        layers.Add(torch.nn.Linear(inputs, _actionCount, generator: generator));
        return torch.nn.Sequential([.. layers]);
    }

    /// <inheritdoc/>
    public void Save(string folder)
    {
        Directory.CreateDirectory(folder);
        AgentCheckpoint.Save(Path.Combine(folder, WeightsFile), Name, _config.ToJson(), _optimizer, _random, [("q.", _q.state_dict()), ("target.", _target.state_dict())],
            new Dictionary<string, string>
            {
                ["iterations"] = _iterations.ToString(CultureInfo.InvariantCulture),
                ["episodes"] = _episodes.ToString(CultureInfo.InvariantCulture),
            });
        _replay.Save(Path.Combine(folder, ReplayFile));
        _nSteps.Save(Path.Combine(folder, PendingFile));
    }

    /// <inheritdoc/>
    public void Load(string folder)
    {
        var (tensors, metadata) = AgentCheckpoint.Read(Path.Combine(folder, WeightsFile), Name);
        _q.load_state_dict(AgentCheckpoint.Group(tensors, "q."));
        _target.load_state_dict(AgentCheckpoint.Group(tensors, "target."));
        AgentCheckpoint.Restore(tensors, metadata, _optimizer, _random);
        _iterations = long.Parse(metadata["iterations"], CultureInfo.InvariantCulture);
        _episodes = metadata.TryGetValue("episodes", out var episodes) ? long.Parse(episodes, CultureInfo.InvariantCulture) : 0; // absent before episode budgets
        var replay = ReplayBuffer<int>.Load(Path.Combine(folder, ReplayFile));
        if (replay.Capacity != _config.BufferSize || replay.ObservationSize != _observationSize || replay.ActionSize != StoredActionSize)
            throw new InvalidDataException($"{folder}'s replay buffer holds {replay.Capacity} transitions of {replay.ObservationSize} values; this agent needs {_config.BufferSize} of {_observationSize}.");
        _replay = replay;
        _nSteps.Load(Path.Combine(folder, PendingFile));
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _tdTargetWork?.Dispose();
        _q.Dispose();
        _target.Dispose();
    }
}
