using System.Globalization;
using RlFramework.Models;
using RlFramework.Models.Kernels;
using RlFramework.Models.Modules;
using RlFramework.Models.Optimizers;
using RlFramework.Replay;

namespace RlFramework.Agents.Dqn;

/// <summary>
/// Deep Q-learning as CleanRL's dqn.py: an MLP Q-network, a uniform replay buffer, a target network, epsilon-greedy
/// exploration on a linear schedule, Adam. Truncated episodes bootstrap from their final observation; terminated ones
/// do not. Options: double DQN, Huber loss, gradient-norm clipping, soft target updates (tau &lt; 1), n-step returns.
/// The schedule counts iterations (one step of every env), as CleanRL's global_step. With a thread budget above 1,
/// each gradient step computes its TD targets (the target network's forward pass) on a second thread while the online
/// network's forward pass runs; the results are bit-identical to one thread's.
/// </summary>
public sealed class DqnAgent : OffPolicyQAgent, IPolicySource<int>
{
    private const string PendingFile = "nstep.json";

    private readonly DqnConfig _config;
    private readonly Sequential _q, _target;
    private readonly Optimizer _optimizer;
    private ReplayBuffer<int> _replay;
    private readonly TransitionBatch<int> _batch;
    private readonly float[] _tdTargets, _batchActions;

    /// <summary>The sampled transitions' n-step horizons k (the batch's <see cref="NStepAccumulator.HorizonField"/> column).</summary>
    private readonly int[] _batchHorizons;

    /// <summary>Computes the TD targets on a second core while the online network's forward pass runs; null on one thread.</summary>
    private readonly OverlappedWork? _tdTargetWork;

    /// <summary>γ^k for k = 0..n, the bootstrap discount of a transition stored with n-step horizon k.</summary>
    private readonly float[] _discounts;
    private readonly NStepAccumulator _nSteps;
    private long _episodes;

    /// <summary>Creates the agent for <paramref name="numEnvs"/> envs with the given observation length and number of actions.</summary>
    /// <param name="config">The hyperparameters.</param>
    /// <param name="observationSize">The observation length.</param>
    /// <param name="actionCount">The number of discrete actions.</param>
    /// <param name="numEnvs">The number of envs.</param>
    /// <param name="seed">The run's seed.</param>
    /// <param name="threads">The thread budget: the tensor kernels' threads; above 1 the TD targets run on a second thread.</param>
    public DqnAgent(DqnConfig config, int observationSize, int actionCount, int numEnvs = 1, long seed = 0, int threads = 1)
        : base("dqn", "DQN", observationSize, actionCount, numEnvs, seed, threads)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        _config = config;
        var initialisation = new Generator(seed);
        _q = BuildNetwork(initialisation);
        _target = BuildNetwork(initialisation);
        _target.load_state_dict(_q.state_dict());
        _optimizer = torch.optim.Adam(_q.parameters(), config.LearningRate);
        _replay = new ReplayBuffer<int>(config.BufferSize, observationSize, seed: seed, extraFields: ReplayExtras);
        _batch = _replay.CreateBatch(config.BatchSize);
        _batchHorizons = _batch.Extra(NStepAccumulator.HorizonField);
        (_tdTargets, _batchActions) = (new float[config.BatchSize], new float[config.BatchSize]);
        if (threads > 1) _tdTargetWork = new OverlappedWork(ComputeTdTargets, "RlFramework DQN TD targets");
        _nSteps = new NStepAccumulator(numEnvs, observationSize, config.NSteps, config.Gamma);
        _discounts = new float[config.NSteps + 1];
        for (int k = 0; k < _discounts.Length; k++) _discounts[k] = (float)Math.Pow(config.Gamma, k);
    }

    /// <summary>The hyperparameters.</summary>
    public DqnConfig Config => _config;

    /// <summary>The replay's extra fields: the n-step horizon of each transition.</summary>
    private static readonly string[] ReplayExtras = [NStepAccumulator.HorizonField];

    /// <summary>The replay buffer (each transition with its n-step horizon).</summary>
    internal ReplayBuffer<int> Replay => _replay;

    /// <summary>The online Q-network.</summary>
    public Sequential QNetwork => _q;

    /// <inheritdoc/>
    public override double Epsilon => _config.EpsilonAt(Iterations, _episodes);

    /// <inheritdoc/>
    protected override Module OnlineNetwork => _q;

    /// <inheritdoc/>
    protected override Module TargetNetwork => _target;

    /// <inheritdoc/>
    protected override Optimizer Optimizer => _optimizer;

    /// <inheritdoc/>
    protected override string ConfigJson => _config.ToJson();

    /// <inheritdoc/>
    public IPolicy<int> CreatePolicy(int numEnvs) => new DqnPolicy(_q, ObservationSize, ActionCount, numEnvs);

    /// <inheritdoc/>
    protected override void FillGreedy(ReadOnlySpan<float> observations, Span<int> actions)
    {
        if (actions.Contains(-1)) QValues.FillGreedy(_q, observations, actions, ObservationSize, ActionCount);
    }

    /// <inheritdoc/>
    protected override void Store(in Transitions<int> transitions)
    {
        for (int e = 0; e < NumEnvs; e++)
        {
            var row = new Range(e * ObservationSize, (e + 1) * ObservationSize);
            _nSteps.Push(e, transitions.Observations[row], transitions.Actions[e], transitions.Rewards[e], transitions.NextObservations[row],
                transitions.Terminated[e], transitions.Truncated[e], _replay);
            if (transitions.Terminated[e] || transitions.Truncated[e]) _episodes++;
        }
    }

    /// <inheritdoc/>
    protected override bool Learning => Iterations >= _config.LearningStarts;

    /// <inheritdoc/>
    protected override LearnerUpdate? Train()
    {
        var update = Iterations % _config.TrainFrequency == 0 ? Learn() : (LearnerUpdate?)null;
        if (Iterations % _config.TargetNetworkFrequency == 0) SyncTarget(_config.Tau);
        return update;
    }

    private LearnerUpdate Learn()
    {
        _replay.Sample(_batch);
        _tdTargetWork?.Start();
        using var scope = torch.NewDisposeScope();
        int size = _config.BatchSize;
        for (int i = 0; i < size; i++) _batchActions[i] = _batch.Actions[i];
        var predicted = _q.forward(torch.tensor(_batch.Observations, size, ObservationSize))
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
        using var budget = torch.thread_budget(Threads);
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        int size = _config.BatchSize;
        var next = torch.tensor(_batch.NextObservations, size, ObservationSize);
        var nextQ = _target.forward(next);
        var nextValue = _config.DoubleDqn ? nextQ.gather(1, _q.forward(next).argmax(1, keepdim: true)).squeeze(1) : nextQ.max(1).values;
        var values = nextValue.data<float>();
        for (int i = 0; i < size; i++)
        {
            float bootstrap = _batch.Terminated[i] ? 0f : _discounts[_batchHorizons[i]];
            _tdTargets[i] = _batch.Rewards[i] + bootstrap * values[i];
        }
    }

    private Sequential BuildNetwork(Generator generator)
    {
        var layers = new List<Module<Tensor, Tensor>>();
        int inputs = ObservationSize;
        foreach (int hidden in _config.HiddenSizes)
        {
            layers.Add(torch.nn.Linear(inputs, hidden, generator: generator));
            layers.Add(torch.nn.ReLU());
            inputs = hidden;
        }
        layers.Add(torch.nn.Linear(inputs, ActionCount, generator: generator));
        return torch.nn.Sequential([.. layers]);
    }

    /// <inheritdoc/>
    protected override void AddCheckpointParts(List<(string Prefix, IReadOnlyDictionary<string, Tensor> Tensors)> groups, Dictionary<string, string> metadata)
    {
        metadata["iterations"] = Iterations.ToString(CultureInfo.InvariantCulture);
        metadata["episodes"] = _episodes.ToString(CultureInfo.InvariantCulture);
    }

    /// <inheritdoc/>
    protected override void RestoreCheckpointParts(IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string> metadata, string folder)
    {
        Iterations = long.Parse(metadata["iterations"], CultureInfo.InvariantCulture);
        _episodes = metadata.TryGetValue("episodes", out var episodes) ? long.Parse(episodes, CultureInfo.InvariantCulture) : 0; // absent before episode budgets
    }

    /// <inheritdoc/>
    protected override void SaveReplay(string path) => _replay.Save(path);

    /// <inheritdoc/>
    protected override void LoadReplay(string path, string folder) =>
        _replay = LoadTransitionReplay(path, folder, _config.BufferSize, ObservationSize, ReplayExtras);

    /// <inheritdoc/>
    protected override void SaveExtraFiles(string folder) => _nSteps.Save(Path.Combine(folder, PendingFile));

    /// <inheritdoc/>
    protected override void LoadExtraFiles(string folder) => _nSteps.Load(Path.Combine(folder, PendingFile));

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing) _tdTargetWork?.Dispose();
        base.Dispose(disposing);
    }
}
