using RlFramework.Envs.Seeding;
using RlFramework.Models;
using RlFramework.Models.Modules;
using RlFramework.Models.Optimizers;
using RlFramework.Replay;

namespace RlFramework.Agents;

/// <summary>
/// What the Q-learning agents share, as Stable-Baselines3's OffPolicyAlgorithm: argument checks, ε-greedy acting, the
/// observe cycle (store each env's step, then train when due), target-network sync, the thread budget of the tensor
/// kernels and the checkpoint (online and target networks, optimizer, exploration random state, counters, replay).
/// An algorithm supplies its greedy actions, how it stores a step, its training step and its own checkpoint parts.
/// </summary>
public abstract class OffPolicyQAgent : IAgent<int>
{
    private const string ReplayFile = "replay.bin";
    private readonly string _algorithm;

    /// <summary>Checks the shape arguments and seeds the exploration random source from <paramref name="seed"/>.</summary>
    /// <param name="name">The agent's name (dqn, ...); it names the checkpoint file and the exploration stream.</param>
    /// <param name="algorithm">The algorithm's name in messages (DQN, ...).</param>
    /// <param name="observationSize">The observation length.</param>
    /// <param name="actionCount">The number of discrete actions (at least 2).</param>
    /// <param name="numEnvs">The number of envs acted for.</param>
    /// <param name="seed">The run's seed.</param>
    /// <param name="threads">The threads the agent's tensor kernels may use (and DQN's second thread).</param>
    protected OffPolicyQAgent(string name, string algorithm, int observationSize, int actionCount, int numEnvs, long seed, int threads)
    {
        if (observationSize <= 0) throw new ArgumentOutOfRangeException(nameof(observationSize), observationSize, "The observation length must be positive.");
        if (actionCount < 2) throw new ArgumentOutOfRangeException(nameof(actionCount), actionCount, $"{algorithm} needs at least two discrete actions.");
        if (numEnvs <= 0) throw new ArgumentOutOfRangeException(nameof(numEnvs), numEnvs, "The number of envs must be positive.");
        if (seed < 0) throw new ArgumentOutOfRangeException(nameof(seed), seed, "The seed must be non-negative.");
        if (threads <= 0) throw new ArgumentOutOfRangeException(nameof(threads), threads, "The thread budget must be at least 1.");
        (Name, _algorithm, ObservationSize, ActionCount, NumEnvs, Threads) = (name, algorithm, observationSize, actionCount, numEnvs, threads);
        Exploration = RandomGenerator.Derive(seed, name.Replace('_', '-') + "-exploration");
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <summary>The observation length.</summary>
    protected int ObservationSize { get; }

    /// <summary>The number of discrete actions.</summary>
    protected int ActionCount { get; }

    /// <summary>The number of envs acted for.</summary>
    protected int NumEnvs { get; }

    /// <summary>The threads the agent's tensor kernels may use.</summary>
    public int Threads { get; }

    /// <summary>The random source of ε-greedy exploration.</summary>
    protected RandomGenerator Exploration { get; }

    /// <summary>Observe calls so far (one step of every env each).</summary>
    protected long Iterations { get; set; }

    /// <inheritdoc/>
    public long Steps => Iterations * NumEnvs;

    /// <inheritdoc/>
    public abstract double Epsilon { get; }

    /// <summary>The online Q-network.</summary>
    protected abstract Module OnlineNetwork { get; }

    /// <summary>The target network.</summary>
    protected abstract Module TargetNetwork { get; }

    /// <summary>The online network's optimizer, saved with the checkpoint; null when the agent keeps its own (in its parts).</summary>
    protected abstract Optimizer? Optimizer { get; }

    /// <summary>The config as JSON, saved with the checkpoint.</summary>
    protected abstract string ConfigJson { get; }

    /// <summary>ε-greedy: with probability ε (exploring) a uniformly random action, else the greedy one.</summary>
    public void Act(ReadOnlySpan<float> observations, Span<int> actions, bool explore)
    {
        if (actions.Length != NumEnvs || observations.Length != NumEnvs * ObservationSize)
            throw new ArgumentException($"{_algorithm} acts for {NumEnvs} envs of {ObservationSize} values; got {actions.Length} action slots and {observations.Length} values.");
        using var budget = torch.thread_budget(Threads);
        double epsilon = explore ? Epsilon : 0;
        for (int e = 0; e < actions.Length; e++)
            actions[e] = explore && Exploration.Random() < epsilon ? (int)Exploration.Integers(ActionCount) : -1;
        FillGreedy(observations, actions);
    }

    /// <summary>Sets every action slot still −1 to the greedy action of its env's observation (recurrent agents step every env's state).</summary>
    protected abstract void FillGreedy(ReadOnlySpan<float> observations, Span<int> actions);

    /// <summary>Stores every env's step, then trains if it was due before the step (<see cref="Learning"/>).</summary>
    public LearnerUpdate? Observe(in Transitions<int> transitions)
    {
        if (transitions.NumEnvs != NumEnvs || transitions.ObservationSize != ObservationSize)
            throw new ArgumentException($"{_algorithm} observes {NumEnvs} envs of {ObservationSize} values; got {transitions.NumEnvs} envs of {transitions.ObservationSize}.");
        using var budget = torch.thread_budget(Threads);
        bool learning = Learning;
        Store(transitions);
        Iterations++;
        return learning ? Train() : null;
    }

    /// <summary>Whether the step about to be stored is followed by training (e.g. after learning_starts iterations).</summary>
    protected abstract bool Learning { get; }

    /// <summary>Stores every env's step in the replay.</summary>
    protected abstract void Store(in Transitions<int> transitions);

    /// <summary>The gradient steps and target syncs due after this iteration; the last update, if any.</summary>
    protected abstract LearnerUpdate? Train();

    /// <inheritdoc/>
    public void StartEpisode(int envIndex)
    {
        if ((uint)envIndex >= (uint)NumEnvs) throw new ArgumentOutOfRangeException(nameof(envIndex), envIndex, $"The agent acts for {NumEnvs} envs.");
        OnEpisodeStart(envIndex);
    }

    /// <summary>Env <paramref name="envIndex"/> starts an episode (recurrent agents reset its state).</summary>
    protected virtual void OnEpisodeStart(int envIndex) { }

    /// <summary>Copies the online network into the target network (<paramref name="tau"/> = 1) or moves it a Polyak step of <paramref name="tau"/> towards it.</summary>
    protected void SyncTarget(double tau)
    {
        if (tau == 1)
        {
            TargetNetwork.load_state_dict(OnlineNetwork.state_dict());
            return;
        }
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        foreach (var (target, online) in TargetNetwork.parameters().Zip(OnlineNetwork.parameters()))
            target.mul_(1f - (float)tau).add_(online, (float)tau);
    }

    /// <inheritdoc/>
    public void Save(string folder)
    {
        Directory.CreateDirectory(folder);
        var groups = new List<(string Prefix, IReadOnlyDictionary<string, Tensor> Tensors)> { ("q.", OnlineNetwork.state_dict()), ("target.", TargetNetwork.state_dict()) };
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        AddCheckpointParts(groups, metadata);
        AgentCheckpoint.Save(Path.Combine(folder, Name + ".safetensors"), Name, ConfigJson, Optimizer, Exploration, groups, metadata);
        SaveReplay(Path.Combine(folder, ReplayFile));
        SaveExtraFiles(folder);
    }

    /// <inheritdoc/>
    public void Load(string folder)
    {
        var (tensors, metadata) = AgentCheckpoint.Read(Path.Combine(folder, Name + ".safetensors"), Name);
        LoadReplay(Path.Combine(folder, ReplayFile), folder);
        RestoreCheckpointParts(tensors, metadata, folder);
        OnlineNetwork.load_state_dict(AgentCheckpoint.Group(tensors, "q."));
        TargetNetwork.load_state_dict(AgentCheckpoint.Group(tensors, "target."));
        if (Optimizer is { } optimizer) AgentCheckpoint.RestoreOptimizer(tensors, metadata, optimizer);
        AgentCheckpoint.RestoreRandomState(metadata, Exploration);
        LoadExtraFiles(folder);
    }

    /// <summary>Adds the agent's own tensor groups (after q. and target.) and metadata (counters) to the checkpoint.</summary>
    protected abstract void AddCheckpointParts(List<(string Prefix, IReadOnlyDictionary<string, Tensor> Tensors)> groups, Dictionary<string, string> metadata);

    /// <summary>Checks and restores what <see cref="AddCheckpointParts"/> wrote (the replay is loaded already); throws <see cref="InvalidDataException"/> on a mismatch.</summary>
    protected abstract void RestoreCheckpointParts(IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string> metadata, string folder);

    /// <summary>Writes the replay to <paramref name="path"/>.</summary>
    protected abstract void SaveReplay(string path);

    /// <summary>Loads the replay from <paramref name="path"/>, refusing one of another shape (<paramref name="folder"/> names the checkpoint in messages).</summary>
    protected abstract void LoadReplay(string path, string folder);

    /// <summary>Writes files beyond the checkpoint and the replay (none by default).</summary>
    protected virtual void SaveExtraFiles(string folder) { }

    /// <summary>Reads what <see cref="SaveExtraFiles"/> wrote.</summary>
    protected virtual void LoadExtraFiles(string folder) { }

    /// <summary>
    /// Loads a uniform replay buffer of one-element actions and the extra fields <paramref name="extraFields"/>, refusing
    /// one of another capacity, observation size or fields. A replay file of version 1 kept the extra fields as trailing
    /// action elements; they are read into the named fields.
    /// </summary>
    protected static ReplayBuffer<int> LoadTransitionReplay(string path, string folder, int capacity, int observationSize, IReadOnlyList<string> extraFields)
    {
        var replay = ReplayBuffer<int>.Load(path, formerActionExtras: extraFields);
        if (replay.Capacity != capacity || replay.ObservationSize != observationSize || replay.ActionSize != 1 || !replay.ExtraFields.SequenceEqual(extraFields))
        {
            throw new InvalidDataException($"{folder}'s replay buffer holds {replay.Capacity} transitions of {replay.ObservationSize} values with the extra fields [{string.Join(", ", replay.ExtraFields)}]; "
                + $"this agent needs {capacity} of {observationSize} with [{string.Join(", ", extraFields)}].");
        }

        return replay;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the networks (and anything else the agent owns).</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (!disposing) return;
        OnlineNetwork.Dispose();
        TargetNetwork.Dispose();
    }
}
