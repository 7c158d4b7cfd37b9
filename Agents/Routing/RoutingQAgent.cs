using System.Globalization;
using RlFramework.Agents.Dqn;
using RlFramework.Agents.Routing.Learners;
using RlFramework.Models;
using RlFramework.Models.Modules;
using RlFramework.Models.Optimizers;
using RlFramework.Models.Routing;
using RlFramework.Replay;

namespace RlFramework.Agents.Routing;

/// <summary>
/// The routing Q-learner: a multi-task DQN whose Q-network's hidden layers are routed (M modules each) by a router
/// dispatched on the task id (meta-information), the router trained jointly with the modules (Q-learning by default)
/// from the final reward −TD loss of each sample or ±1 by a TD-error tolerance. Env i of the batch runs task
/// <c>envTasks[i]</c>; transitions are replayed with their task id. Replay, target network (hard or soft), double DQN,
/// ε-greedy env actions and the one-step TD target follow <see cref="DqnAgent"/>.
/// </summary>
public sealed class RoutingQAgent : OffPolicyQAgent
{
    /// <summary>The replay's extra field: the task id of the env each transition came from.</summary>
    private static readonly string[] ReplayExtras = ["task_id"];

    private readonly RoutingQConfig _config;
    private readonly int[] _envTasks;
    private readonly RoutingNetwork _q, _target;
    private readonly RoutingTrainer _trainer;
    private ReplayBuffer<int> _replay;
    private readonly TransitionBatch<int> _batch;

    /// <summary>The sampled transitions' task ids (the batch's task_id column).</summary>
    private readonly int[] _batchTasks;
    private long _episodes;

    /// <summary>Creates the agent for envs running the tasks <paramref name="envTasks"/> (ids 0..<paramref name="taskCount"/>−1).</summary>
    /// <param name="config">The hyperparameters.</param>
    /// <param name="observationSize">The observation length.</param>
    /// <param name="actionCount">The number of discrete actions.</param>
    /// <param name="taskCount">The number of tasks.</param>
    /// <param name="envTasks">The task id of every env.</param>
    /// <param name="seed">The run's seed.</param>
    /// <param name="threads">The thread budget of the tensor kernels.</param>
    public RoutingQAgent(RoutingQConfig config, int observationSize, int actionCount, int taskCount, IReadOnlyList<int> envTasks, long seed = 0, int threads = 1)
        : base("routing_q", "The routing Q-learner", observationSize, actionCount, CheckTasks(envTasks, taskCount), seed, threads)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        (_config, TaskCount) = (config, taskCount);
        _envTasks = [.. envTasks];
        var routing = config.Routing with { LearningRate = config.Dqn.LearningRate };
        var initialisation = new Generator(seed);
        _q = BuildNetwork(routing, initialisation);
        _target = BuildNetwork(routing, initialisation);
        _target.load_state_dict(_q.state_dict());
        _trainer = new RoutingTrainer(_q, routing, seed);
        _replay = new ReplayBuffer<int>(config.Dqn.BufferSize, observationSize, seed: seed, extraFields: ReplayExtras);
        _batch = _replay.CreateBatch(config.Dqn.BatchSize);
        _batchTasks = _batch.Extra("task_id");
    }

    private static int CheckTasks(IReadOnlyList<int> envTasks, int taskCount)
    {
        ArgumentNullException.ThrowIfNull(envTasks);
        if (taskCount <= 0) throw new ArgumentOutOfRangeException(nameof(taskCount), taskCount, "There must be at least one task.");
        if (envTasks.Count == 0) throw new ArgumentException("The agent needs at least one env (one task id per env).", nameof(envTasks));
        foreach (int task in envTasks)
            if ((uint)task >= (uint)taskCount) throw new ArgumentOutOfRangeException(nameof(envTasks), task, $"Task ids must be 0..{taskCount - 1}.");
        return envTasks.Count;
    }

    /// <summary>The hyperparameters.</summary>
    public RoutingQConfig Config => _config;

    /// <summary>The number of tasks.</summary>
    public int TaskCount { get; }

    /// <summary>The online routed Q-network.</summary>
    public RoutingNetwork QNetwork => _q;

    /// <summary>The joint trainer of modules and router.</summary>
    public RoutingTrainer Trainer => _trainer;

    /// <inheritdoc/>
    public override double Epsilon => _config.Dqn.EpsilonAt(Iterations, _episodes);

    /// <inheritdoc/>
    protected override Module OnlineNetwork => _q;

    /// <inheritdoc/>
    protected override Module TargetNetwork => _target;

    /// <summary>None here: the trainer keeps the optimizers of modules and router (saved as its own part).</summary>
    protected override Optimizer? Optimizer => null;

    /// <inheritdoc/>
    protected override string ConfigJson => _config.ToJson();

    /// <summary>The greedy route (module per routed layer) the router picks for <paramref name="task"/>.</summary>
    public int[] RouteOf(int task)
    {
        using var scope = torch.NewDisposeScope();
        return _trainer.Evaluate(torch.zeros(1, ObservationSize), [task]).Trajectory.Route(0);
    }

    /// <inheritdoc/>
    protected override void FillGreedy(ReadOnlySpan<float> observations, Span<int> actions)
    {
        if (!actions.Contains(-1)) return;
        using var scope = torch.NewDisposeScope();
        var q = _trainer.Evaluate(torch.tensor(observations, NumEnvs, ObservationSize), _envTasks).Output.data<float>();
        for (int e = 0; e < actions.Length; e++)
            if (actions[e] < 0) actions[e] = RouterLearner.Greedy(q.Slice(e * ActionCount, ActionCount), ActionCount);
    }

    /// <inheritdoc/>
    protected override void Store(in Transitions<int> transitions)
    {
        for (int e = 0; e < NumEnvs; e++)
        {
            var row = new Range(e * ObservationSize, (e + 1) * ObservationSize);
            _replay.Add(transitions.Observations[row], transitions.Actions[e], (float)transitions.Rewards[e], transitions.NextObservations[row], transitions.Terminated[e], transitions.Truncated[e], [_envTasks[e]]);
            if (transitions.Terminated[e] || transitions.Truncated[e]) _episodes++;
        }
    }

    /// <inheritdoc/>
    protected override bool Learning => Iterations >= _config.Dqn.LearningStarts;

    /// <inheritdoc/>
    protected override LearnerUpdate? Train()
    {
        var update = Iterations % _config.Dqn.TrainFrequency == 0 ? Learn() : (LearnerUpdate?)null;
        if (Iterations % _config.Dqn.TargetNetworkFrequency == 0) SyncTarget(_config.Dqn.Tau);
        return update;
    }

    private LearnerUpdate Learn()
    {
        using var scope = torch.NewDisposeScope();
        _replay.Sample(_batch);
        int size = _config.Dqn.BatchSize;
        var tasks = _batchTasks.ToArray();
        var actions = new float[size];
        for (int i = 0; i < size; i++) actions[i] = _batch.Actions[i];
        var action = torch.tensor(actions, size, 1);
        var target = torch.tensor(TdTargets(tasks), size);
        float tolerance = (float)(_config.TdTolerance * _config.TdTolerance);
        var predicted = new float[size];
        var step = _trainer.Step(torch.tensor(_batch.Observations, size, ObservationSize), tasks, output =>
        {
            var q = output.gather(1, action).squeeze(1);
            q.data<float>().CopyTo(predicted);
            return _config.Dqn.Loss == DqnLoss.Huber
                ? torch.nn.functional.huber_loss(q, target, Reduction.None)
                : torch.nn.functional.mse_loss(q, target, Reduction.None);
        }, (_, losses) => losses.Select(l => l < tolerance).ToArray());
        return new LearnerUpdate(Steps, step.Loss, predicted.Average());
    }

    /// <summary>The sampled batch's one-step TD targets r + γ · V(s') (0 after termination); V from the target network's greedy route, at its own or (double DQN) the online network's arg-max.</summary>
    private float[] TdTargets(int[] tasks)
    {
        using var noGrad = torch.no_grad();
        int size = tasks.Length;
        var next = torch.tensor(_batch.NextObservations, size, ObservationSize);
        var nextQ = _target.Route(next, tasks, _trainer.Learner).Output;
        var nextValue = _config.Dqn.DoubleDqn
            ? nextQ.gather(1, _q.Route(next, tasks, _trainer.Learner).Output.argmax(1, keepdim: true)).squeeze(1)
            : nextQ.max(1).values;
        var values = nextValue.data<float>();
        var targets = new float[size];
        for (int i = 0; i < size; i++)
            targets[i] = _batch.Rewards[i] + (_batch.Terminated[i] ? 0f : (float)_config.Dqn.Gamma * values[i]);
        return targets;
    }

    private RoutingNetwork BuildNetwork(RoutingConfig routing, Generator generator)
    {
        int width = _config.Width;
        var input = torch.nn.Sequential(torch.nn.Linear(ObservationSize, width, generator: generator), torch.nn.ReLU());
        var layers = Enumerable.Range(0, _config.RoutedLayers).Select(_ => new RoutedLayer(Enumerable.Range(0, _config.Modules)
            .Select(_ => (Module<Tensor, Tensor>)torch.nn.Sequential(torch.nn.Linear(width, width, generator: generator), torch.nn.ReLU())).ToArray())).ToArray();
        var head = torch.nn.Linear(width, ActionCount, generator: generator);
        var router = new TaskDispatchedRouter(_config.RoutedLayers, TaskCount, _config.Modules, skip: false, RouterLearner.Create(routing).Heads,
            RoutingTrainer.InitialTableRow(routing, _config.Modules));
        return new RoutingNetwork(input, layers, head, router);
    }

    /// <inheritdoc/>
    protected override void AddCheckpointParts(List<(string Prefix, IReadOnlyDictionary<string, Tensor> Tensors)> groups, Dictionary<string, string> metadata)
    {
        var (tensors, trainerMetadata) = _trainer.GetTrainingState();
        groups.Add(("trainer.", tensors));
        foreach (var (key, value) in trainerMetadata) metadata["trainer." + key] = value;
        metadata["iterations"] = Iterations.ToString(CultureInfo.InvariantCulture);
        metadata["episodes"] = _episodes.ToString(CultureInfo.InvariantCulture);
    }

    /// <inheritdoc/>
    protected override void RestoreCheckpointParts(IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string> metadata, string folder)
    {
        _trainer.LoadTrainingState(AgentCheckpoint.Group(tensors, "trainer."), AgentCheckpoint.Group(metadata, "trainer."));
        Iterations = long.Parse(metadata["iterations"], CultureInfo.InvariantCulture);
        _episodes = long.Parse(metadata["episodes"], CultureInfo.InvariantCulture);
    }

    /// <inheritdoc/>
    protected override void SaveReplay(string path) => _replay.Save(path);

    /// <inheritdoc/>
    protected override void LoadReplay(string path, string folder) =>
        _replay = LoadTransitionReplay(path, folder, _config.Dqn.BufferSize, ObservationSize, ReplayExtras);
}
