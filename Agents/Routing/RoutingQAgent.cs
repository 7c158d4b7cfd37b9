using RlFramework.Agents.Dqn;
using RlFramework.Agents.Routing.Learners;
using RlFramework.Envs.Seeding;
using RlFramework.Models;
using RlFramework.Models.Modules;
using RlFramework.Models.Routing;
using RlFramework.Models.Serialization;
using RlFramework.Replay;
using System.Globalization;

namespace RlFramework.Agents.Routing;

/// <summary>
/// The routing Q-learner: a multi-task DQN whose Q-network's hidden layers are routed (M modules each) by a router
/// dispatched on the task id (meta-information), the router trained jointly with the modules (Q-learning by default)
/// from the final reward −TD loss of each sample or ±1 by a TD-error tolerance. Env i of the batch runs task
/// <c>envTasks[i]</c>; transitions are replayed with their task id. Replay, target network, ε-greedy env actions and
/// the TD target follow <see cref="DqnAgent"/> (one-step returns).
/// </summary>
public sealed class RoutingQAgent : IAgent<int>
{
    private const string WeightsFile = "routing_q.safetensors", ReplayFile = "replay.bin";

    private readonly RoutingQConfig _config;
    private readonly int _observationSize, _actionCount, _numEnvs;
    private readonly int[] _envTasks;
    private readonly RoutingNetwork _q, _target;
    private readonly RoutingTrainer _trainer;
    private ReplayBuffer<int> _replay;
    private readonly TransitionBatch<int> _batch;
    private readonly RandomGenerator _random;
    private readonly int[] _stored = new int[2];
    private long _iterations;

    /// <summary>Creates the agent for envs running the tasks <paramref name="envTasks"/> (ids 0..<paramref name="taskCount"/>−1).</summary>
    public RoutingQAgent(RoutingQConfig config, int observationSize, int actionCount, int taskCount, IReadOnlyList<int> envTasks, long seed = 0)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(envTasks);
        config.Validate();
        if (observationSize <= 0) throw new ArgumentOutOfRangeException(nameof(observationSize), observationSize, "The observation length must be positive.");
        if (actionCount < 2) throw new ArgumentOutOfRangeException(nameof(actionCount), actionCount, "A Q-learner needs at least two discrete actions.");
        if (taskCount <= 0) throw new ArgumentOutOfRangeException(nameof(taskCount), taskCount, "There must be at least one task.");
        if (envTasks.Count == 0) throw new ArgumentException("The agent needs at least one env (one task id per env).", nameof(envTasks));
        foreach (int task in envTasks)
            if ((uint)task >= (uint)taskCount) throw new ArgumentOutOfRangeException(nameof(envTasks), task, $"Task ids must be 0..{taskCount - 1}.");
        if (seed < 0) throw new ArgumentOutOfRangeException(nameof(seed), seed, "The seed must be non-negative.");
        (_config, _observationSize, _actionCount, _numEnvs, TaskCount) = (config, observationSize, actionCount, envTasks.Count, taskCount);
        _envTasks = [.. envTasks];
        var routing = config.Routing with { LearningRate = config.Dqn.LearningRate };
        var initialisation = new Generator(seed);
        _q = BuildNetwork(routing, initialisation);
        _target = BuildNetwork(routing, initialisation);
        _target.load_state_dict(_q.state_dict());
        _trainer = new RoutingTrainer(_q, routing, seed);
        _replay = new ReplayBuffer<int>(config.Dqn.BufferSize, observationSize, actionSize: 2, seed: seed);
        _batch = _replay.CreateBatch(config.Dqn.BatchSize);
        _random = RandomGenerator.Derive(seed, "routing-q-exploration");
    }

    /// <inheritdoc/>
    public string Name => "routing_q";

    /// <summary>The hyperparameters.</summary>
    public RoutingQConfig Config => _config;

    /// <summary>The number of tasks.</summary>
    public int TaskCount { get; }

    /// <summary>The online routed Q-network.</summary>
    public RoutingNetwork QNetwork => _q;

    /// <summary>The joint trainer of modules and router.</summary>
    public RoutingTrainer Trainer => _trainer;

    /// <inheritdoc/>
    public double Epsilon => _config.Dqn.EpsilonAt(_iterations);

    /// <inheritdoc/>
    public long Steps => _iterations * _numEnvs;

    /// <summary>The greedy route (module per routed layer) the router picks for <paramref name="task"/>.</summary>
    public int[] RouteOf(int task)
    {
        using var scope = torch.NewDisposeScope();
        return _trainer.Evaluate(torch.zeros(1, _observationSize), [task]).Trajectory.Route(0);
    }

    /// <inheritdoc/>
    public void StartEpisode(int envIndex)
    {
        if ((uint)envIndex >= (uint)_numEnvs) throw new ArgumentOutOfRangeException(nameof(envIndex), envIndex, $"The agent acts for {_numEnvs} envs.");
    }

    /// <inheritdoc/>
    public void Act(ReadOnlySpan<float> observations, Span<int> actions, bool explore)
    {
        if (actions.Length != _numEnvs || observations.Length != _numEnvs * _observationSize)
            throw new ArgumentException($"The routing Q-learner acts for {_numEnvs} envs of {_observationSize} values; got {actions.Length} action slots and {observations.Length} values.");
        double epsilon = explore ? Epsilon : 0;
        using var scope = torch.NewDisposeScope();
        var q = _trainer.Evaluate(torch.tensor(observations, _numEnvs, _observationSize), _envTasks).Output.data<float>();
        for (int e = 0; e < actions.Length; e++)
        {
            if (explore && _random.Random() < epsilon) { actions[e] = (int)_random.Integers(_actionCount); continue; }
            actions[e] = RouterLearner.Greedy(q.Slice(e * _actionCount, _actionCount), _actionCount);
        }
    }

    /// <inheritdoc/>
    public LearnerUpdate? Observe(in Transitions<int> transitions)
    {
        if (transitions.NumEnvs != _numEnvs || transitions.ObservationSize != _observationSize)
            throw new ArgumentException($"The routing Q-learner observes {_numEnvs} envs of {_observationSize} values; got {transitions.NumEnvs} envs of {transitions.ObservationSize}.");
        for (int e = 0; e < _numEnvs; e++)
        {
            var row = new Range(e * _observationSize, (e + 1) * _observationSize);
            (_stored[0], _stored[1]) = (transitions.Actions[e], _envTasks[e]);
            _replay.Add(transitions.Observations[row], _stored, (float)transitions.Rewards[e], transitions.NextObservations[row], transitions.Terminated[e], transitions.Truncated[e]);
        }
        _iterations++;
        var dqn = _config.Dqn;
        LearnerUpdate? update = null;
        if (_iterations > dqn.LearningStarts && _iterations % dqn.TrainFrequency == 0) update = Learn();
        if (_iterations > dqn.LearningStarts && _iterations % dqn.TargetNetworkFrequency == 0) _target.load_state_dict(_q.state_dict());
        return update;
    }

    private LearnerUpdate Learn()
    {
        using var scope = torch.NewDisposeScope();
        _replay.Sample(_batch);
        int size = _config.Dqn.BatchSize;
        var tasks = new int[size];
        var actions = new float[size];
        var targets = new float[size];
        for (int i = 0; i < size; i++) (actions[i], tasks[i]) = (_batch.Actions[2 * i], _batch.Actions[2 * i + 1]);
        using (torch.no_grad())
        {
            var next = _target.Route(torch.tensor(_batch.NextObservations, size, _observationSize), tasks, _trainer.Learner).Output.max(1).values.data<float>();
            for (int i = 0; i < size; i++)
                targets[i] = _batch.Rewards[i] + (_batch.Terminated[i] ? 0f : (float)_config.Dqn.Gamma * next[i]);
        }
        var action = torch.tensor(actions, size, 1);
        var target = torch.tensor(targets, size);
        float tolerance = (float)(_config.TdTolerance * _config.TdTolerance);
        var predicted = new float[size];
        var step = _trainer.Step(torch.tensor(_batch.Observations, size, _observationSize), tasks, output =>
        {
            var q = output.gather(1, action).squeeze(1);
            q.data<float>().CopyTo(predicted);
            return _config.Dqn.Loss == DqnLoss.Huber
                ? torch.nn.functional.huber_loss(q, target, Reduction.None)
                : torch.nn.functional.mse_loss(q, target, Reduction.None);
        }, (_, losses) => losses.Select(l => l < tolerance).ToArray());
        return new LearnerUpdate(Steps, step.Loss, predicted.Average());
    }

    private RoutingNetwork BuildNetwork(RoutingConfig routing, Generator generator)
    {
        int width = _config.Width;
        var input = torch.nn.Sequential(torch.nn.Linear(_observationSize, width, generator: generator), torch.nn.ReLU());
        var layers = Enumerable.Range(0, _config.RoutedLayers).Select(_ => new RoutedLayer(Enumerable.Range(0, _config.Modules)
            .Select(_ => (Module<Tensor, Tensor>)torch.nn.Sequential(torch.nn.Linear(width, width, generator: generator), torch.nn.ReLU())).ToArray())).ToArray();
        var head = torch.nn.Linear(width, _actionCount, generator: generator);
        var router = new TaskDispatchedRouter(_config.RoutedLayers, TaskCount, _config.Modules, skip: false, RouterLearner.Create(routing).Heads,
            RoutingTrainer.InitialTableRow(routing, _config.Modules));
        return new RoutingNetwork(input, layers, head, router);
    }

    /// <inheritdoc/>
    public void Save(string folder)
    {
        Directory.CreateDirectory(folder);
        var (tensors, metadata) = _trainer.GetTrainingState();
        tensors = tensors.ToDictionary(p => "trainer." + p.Key, p => p.Value, StringComparer.Ordinal);
        metadata = metadata.ToDictionary(p => "trainer." + p.Key, p => p.Value, StringComparer.Ordinal);
        foreach (var (name, tensor) in _q.state_dict()) tensors["q." + name] = tensor;
        foreach (var (name, tensor) in _target.state_dict()) tensors["target." + name] = tensor;
        var random = _random.BitGenerator.GetState();
        metadata["agent"] = Name;
        metadata["config"] = _config.ToJson();
        metadata["iterations"] = _iterations.ToString(CultureInfo.InvariantCulture);
        metadata["exploration"] = string.Join(',', random.State, random.Increment, random.HasUInt32 ? 1 : 0, random.BufferedUInt32);
        SafeTensors.Save(Path.Combine(folder, WeightsFile), tensors, metadata);
        _replay.Save(Path.Combine(folder, ReplayFile));
    }

    /// <inheritdoc/>
    public void Load(string folder)
    {
        var (tensors, metadata) = SafeTensors.Load(Path.Combine(folder, WeightsFile));
        if (!metadata.TryGetValue("agent", out var agent) || agent != Name)
            throw new InvalidDataException($"{folder} holds a checkpoint of agent '{agent ?? "?"}', not '{Name}'.");
        Dictionary<string, T> Part<T>(IReadOnlyDictionary<string, T> all, string prefix) => all.Where(p => p.Key.StartsWith(prefix, StringComparison.Ordinal))
            .ToDictionary(p => p.Key[prefix.Length..], p => p.Value, StringComparer.Ordinal);
        _q.load_state_dict(Part(tensors, "q."));
        _target.load_state_dict(Part(tensors, "target."));
        _trainer.LoadTrainingState(Part(tensors, "trainer."), Part(metadata, "trainer."));
        _iterations = long.Parse(metadata["iterations"], CultureInfo.InvariantCulture);
        var random = metadata["exploration"].Split(',');
        _random.BitGenerator.SetState(new Pcg64State(UInt128.Parse(random[0], CultureInfo.InvariantCulture), UInt128.Parse(random[1], CultureInfo.InvariantCulture),
            random[2] == "1", uint.Parse(random[3], CultureInfo.InvariantCulture)));
        var replay = ReplayBuffer<int>.Load(Path.Combine(folder, ReplayFile));
        if (replay.Capacity != _config.Dqn.BufferSize || replay.ObservationSize != _observationSize || replay.ActionSize != 2)
            throw new InvalidDataException($"{folder}'s replay buffer holds {replay.Capacity} transitions of {replay.ObservationSize} values; this agent needs {_config.Dqn.BufferSize} of {_observationSize}.");
        _replay = replay;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _q.Dispose();
        _target.Dispose();
    }
}
