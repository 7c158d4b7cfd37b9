using System.Diagnostics;
using System.Reactive.Subjects;
using System.Text.Json;
using RlFramework.Agents;
using RlFramework.Envs;
using RlFramework.Envs.Vector;

namespace RlFramework.Runner.Training;

/// <summary>
/// The agent–env interaction loop. It only steps and publishes: every iteration on <see cref="Steps"/>, every finished
/// episode on <see cref="Episodes"/>, every learning step on <see cref="Updates"/>. Progress, logging, checkpoints,
/// evaluation and early stopping are subscribers composed with Rx operators; a subscriber ends the run early with
/// <see cref="RequestStop"/>. The vector env must use <see cref="AutoresetMode.SameStep"/>, so that a finished
/// episode's final observation reaches the agent as its next observation.
/// </summary>
/// <typeparam name="TAct">The action of one env: int for a Discrete space, float[] for a Box.</typeparam>
public sealed class TrainingLoop<TAct> : ITrainingLoop where TAct : notnull
{
    private readonly IVectorEnv<float, TAct> _envs;
    private readonly IAgent<TAct> _agent;
    private readonly Subject<StepEvent> _steps = new();
    private readonly Subject<EpisodeEvent> _episodes = new();
    private readonly Subject<LearnerUpdate> _updates = new();
    private readonly float[] _observations, _nextObservations;
    private readonly TAct[] _actions;
    private readonly int[] _lengths;
    private readonly double[] _returns;
    private const string LoopFile = "loop.json";
    private volatile bool _stopRequested;
    private long _episodeCount;
    private bool _restored;

    /// <summary>Creates the loop of <paramref name="agent"/> in <paramref name="envs"/>.</summary>
    public TrainingLoop(IVectorEnv<float, TAct> envs, IAgent<TAct> agent)
    {
        _envs = envs ?? throw new ArgumentNullException(nameof(envs));
        _agent = agent ?? throw new ArgumentNullException(nameof(agent));
        if (envs.AutoresetMode != AutoresetMode.SameStep)
            throw new ArgumentException($"The training loop needs a vector env with SameStep autoreset (final observations); got {envs.AutoresetMode}.", nameof(envs));
        _observations = new float[envs.NumEnvs * envs.ObservationSize];
        _nextObservations = new float[_observations.Length];
        _actions = new TAct[envs.NumEnvs];
        _lengths = new int[envs.NumEnvs];
        _returns = new double[envs.NumEnvs];
    }

    /// <inheritdoc/>
    public IObservable<StepEvent> Steps => _steps;

    /// <inheritdoc/>
    public IObservable<EpisodeEvent> Episodes => _episodes;

    /// <inheritdoc/>
    public IObservable<LearnerUpdate> Updates => _updates;

    /// <inheritdoc/>
    public void RequestStop() => _stopRequested = true;

    /// <summary>
    /// Runs until <paramref name="budget"/> is spent (the agent's step count, or the episodes finished over the whole
    /// run, restored ones included), a stop is requested or <paramref name="cancellation"/> fires; then completes the
    /// event streams. An error of the loop or of a subscriber ends the run with that error.
    /// </summary>
    /// <param name="budget">When to stop.</param>
    /// <param name="seed">The reset seed of the first episode of env 0 (env i gets seed + i).</param>
    /// <param name="cancellation">Ends the run cleanly after the current iteration.</param>
    public TrainingResult Run(TrainingBudget budget, int? seed, CancellationToken cancellation = default)
    {
        budget.Validate();
        long start = Stopwatch.GetTimestamp(), firstStep = _agent.Steps;
        if (!_restored)
        {
            _envs.Reset(seed).Observations.CopyTo(_observations);
            for (int e = 0; e < _actions.Length; e++) _agent.StartEpisode(e);
        }
        try
        {
            while (!budget.IsSpent(_agent.Steps, _episodeCount) && !_stopRequested && !cancellation.IsCancellationRequested)
                Iterate();
        }
        catch (Exception error)
        {
            NotifyError(_steps, error);
            NotifyError(_episodes, error);
            NotifyError(_updates, error);
            throw;
        }
        _steps.OnCompleted();
        _episodes.OnCompleted();
        _updates.OnCompleted();
        bool interrupted = !budget.IsSpent(_agent.Steps, _episodeCount);
        return new TrainingResult(_agent.Steps - firstStep, _episodeCount, Stopwatch.GetElapsedTime(start).TotalSeconds, interrupted);
    }

    /// <summary>Passes the loop's error to <paramref name="subject"/>'s subscribers (so logs flush); one that fails again must not hide the first error.</summary>
    private static void NotifyError<T>(Subject<T> subject, Exception error)
    {
        try
        {
            subject.OnError(error);
        }
        catch (Exception)
        {
            // The loop rethrows the first error.
        }
    }

    private void Iterate()
    {
        _agent.Act(_observations, _actions, explore: true);
        var result = _envs.Step(_actions);
        result.Observations.CopyTo(_nextObservations);
        int size = _envs.ObservationSize;
        for (int e = 0; e < _actions.Length; e++)
            if (result.Done(e)) result.FinalObservation(e).CopyTo(_nextObservations.AsSpan(e * size, size));
        var update = _agent.Observe(new Transitions<TAct>(_observations, _actions, result.Rewards, _nextObservations, result.Terminated, result.Truncated));
        for (int e = 0; e < _actions.Length; e++)
        {
            _returns[e] += result.Rewards[e];
            _lengths[e]++;
            if (!result.Done(e)) continue;
            _episodes.OnNext(new EpisodeEvent(_agent.Steps, e, ++_episodeCount, _returns[e], _lengths[e]));
            _returns[e] = 0;
            _lengths[e] = 0;
            _agent.StartEpisode(e);
        }
        if (update is LearnerUpdate learned) _updates.OnNext(learned);
        result.Observations.CopyTo(_observations);
        _steps.OnNext(new StepEvent(_agent.Steps, _agent.Steps / _actions.Length, _agent.Epsilon));
    }

    /// <summary>
    /// Writes into <paramref name="folder"/> everything that resumes this run exactly: the agent (networks, optimizer,
    /// replay, random state) in agent/ and the loop (every env's snapshot, current observations, running returns) in
    /// loop.json. Call it between iterations (e.g. from a <see cref="Steps"/> subscriber) or after <see cref="Run"/>,
    /// through a <see cref="Runs.CheckpointStore"/>, which commits the folder atomically with a verified manifest.
    /// </summary>
    /// <exception cref="NotSupportedException">A sub-env cannot save its state.</exception>
    public void WriteCheckpoint(string folder)
    {
        _agent.Save(Path.Combine(folder, "agent"));
        var envs = new List<IReadOnlyDictionary<string, string>>();
        foreach (var env in _envs.Envs)
        {
            var snapshot = new EnvSnapshot();
            (env as ISnapshotEnv ?? throw new NotSupportedException($"{env} cannot save its state, so this run cannot be checkpointed.")).SaveState(snapshot);
            envs.Add(snapshot.Values);
        }
        var loop = new LoopCheckpoint((float[])_observations.Clone(), (double[])_returns.Clone(), (int[])_lengths.Clone(), _episodeCount, envs);
        using var stream = new FileStream(Path.Combine(folder, LoopFile), FileMode.CreateNew, FileAccess.Write);
        JsonSerializer.Serialize(stream, loop);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>Restores a checkpoint written by <see cref="WriteCheckpoint"/>; <see cref="Run"/> then continues from it without resetting.</summary>
    /// <exception cref="InvalidDataException">The checkpoint is corrupt, truncated or from a run of another shape.</exception>
    public void LoadCheckpoint(string folder)
    {
        var loop = ReadLoopFile(Path.Combine(folder, LoopFile));
        if (loop.Observations.Length != _observations.Length || loop.Envs.Count != _envs.NumEnvs)
            throw new InvalidDataException($"{folder} holds a run of {loop.Envs.Count} envs ({loop.Observations.Length} observation values); this run has {_envs.NumEnvs} ({_observations.Length}).");
        _agent.Load(Path.Combine(folder, "agent"));
        _envs.Reset(); // the vector env steps only after a reset; the snapshots then overwrite whatever it drew
        for (int e = 0; e < _envs.NumEnvs; e++)
            ((ISnapshotEnv)_envs.Envs[e]).LoadState(EnvSnapshot.FromValues(loop.Envs[e]));
        loop.Observations.CopyTo(_observations, 0);
        loop.Returns.CopyTo(_returns, 0);
        loop.Lengths.CopyTo(_lengths, 0);
        _episodeCount = loop.Episodes;
        _restored = true;
    }

    private static LoopCheckpoint ReadLoopFile(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return JsonSerializer.Deserialize<LoopCheckpoint>(stream) ?? throw new InvalidDataException($"{path} is empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is corrupt or truncated: {e.Message}", e);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _steps.Dispose();
        _episodes.Dispose();
        _updates.Dispose();
    }
}
