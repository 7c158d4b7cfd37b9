using System.Globalization;
using System.Reactive.Linq;
using RlFramework.Agents;
using RlFramework.Envs;
using RlFramework.Envs.Spaces;
using RlFramework.Envs.Vector;
using RlFramework.Runner.Logging;
using RlFramework.Runner.Runs;

namespace RlFramework.Runner.Training;

/// <summary>
/// A registered training run: its folder (run.json, metrics, checkpoints), the loop and the subscribers that log
/// metrics and write checkpoints. Start a new run with <see cref="Start"/> or continue one with <see cref="Resume"/>;
/// <see cref="Run"/> then trains to the budget (or until cancelled, writing a last checkpoint) and records the outcome.
/// </summary>
public sealed class TrainingRun : IDisposable
{
    private readonly RunRegistry _registry;
    private readonly IVectorEnv<float, int> _envs;
    private readonly IAgent _agent;
    private readonly CheckpointStore _checkpoints;
    private readonly CompositeMetricsSink _metrics;
    private readonly List<IDisposable> _subscriptions = [];
    private readonly List<double> _returns = [];
    private readonly List<(long Step, double Mean)> _evaluations = [];

    private TrainingRun(RunRegistry registry, RunRecord record, RunSpec spec, Func<IAgent> createAgent, long? resumeAfterStep)
    {
        _registry = registry;
        Record = record;
        Spec = spec;
        Folder = registry.RunFolder(record.Id);
        _envs = Gym.MakeVec<float, int>(spec.EnvId, spec.NumEnvs, autoreset: AutoresetMode.SameStep);
        _agent = createAgent();
        Loop = new TrainingLoop(_envs, _agent);
        _checkpoints = new CheckpointStore(Path.Combine(Folder, "checkpoints"));
        _metrics = CompositeMetricsSink.OpenRunFolder(Folder, resumeAfterStep);
        Subscribe();
    }

    /// <summary>The run's registry record (as at start).</summary>
    public RunRecord Record { get; }

    /// <summary>The run's definition.</summary>
    public RunSpec Spec { get; }

    /// <summary>The run's folder.</summary>
    public string Folder { get; }

    /// <summary>The loop, for extra subscribers (progress display, early stopping).</summary>
    public TrainingLoop Loop { get; }

    /// <summary>The agent being trained.</summary>
    public IAgent Agent => _agent;

    /// <summary>The number of actions of the env's Discrete action space.</summary>
    public static int ActionCount(IEnv env) => env.ActionSpace is Discrete discrete ? discrete.N
        : throw new ArgumentException($"{env.Spec?.Id ?? env.ToString()} has the action space {env.ActionSpace}; these agents need Discrete actions.");

    /// <summary>Registers a new run under <paramref name="outputFolder"/> and prepares it.</summary>
    /// <param name="outputFolder">The runs folder (holds the registry).</param>
    /// <param name="spec">The run's definition.</param>
    /// <param name="createAgent">Builds the agent from the observation length and number of actions.</param>
    public static TrainingRun Start(string outputFolder, RunSpec spec, Func<int, int, IAgent> createAgent)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(createAgent);
        var (observationSize, actionCount) = Shape(spec.EnvId);
        var registry = RunRegistry.Open(outputFolder);
        try
        {
            var record = registry.StartRun(spec.EnvId, spec.Agent, spec.ToJson(), spec.Seed);
            string folder = Directory.CreateDirectory(registry.RunFolder(record.Id)).FullName;
            AtomicFile.WriteAllBytes(Path.Combine(folder, RunSpec.FileName), System.Text.Encoding.UTF8.GetBytes(spec.ToJson()));
            return new TrainingRun(registry, record, spec, () => createAgent(observationSize, actionCount), resumeAfterStep: null);
        }
        catch
        {
            registry.Dispose();
            throw;
        }
    }

    /// <summary>Continues run <paramref name="runId"/> from its latest checkpoint that verifies.</summary>
    /// <exception cref="InvalidDataException">The run has no usable checkpoint.</exception>
    public static TrainingRun Resume(string outputFolder, string runId, Func<RunSpec, int, int, IAgent> createAgent, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(createAgent);
        ArgumentNullException.ThrowIfNull(log);
        var registry = RunRegistry.Open(outputFolder);
        try
        {
            var record = registry.Get(runId);
            if (record.Status == RunStatus.Finished)
                throw new ArgumentException($"Run {runId} already finished its budget; there is nothing to resume (start a new run instead).");
            string folder = registry.RunFolder(record.Id);
            var spec = RunSpec.Read(folder);
            var checkpoint = new CheckpointStore(Path.Combine(folder, "checkpoints")).FindLatestGood(out var refused)
                ?? throw new InvalidDataException($"Run {runId} has no checkpoint that verifies{(refused.Count > 0 ? ": " + string.Join("; ", refused) : "")}.");
            foreach (var reason in refused) log.WriteLine($"skipping a newer checkpoint: {reason}");
            var (observationSize, actionCount) = Shape(spec.EnvId);
            var run = new TrainingRun(registry, record, spec, () => createAgent(spec, observationSize, actionCount), checkpoint.Step);
            run.Loop.LoadCheckpoint(checkpoint.Path);
            registry.UpdateStatus(record.Id, RunStatus.Running, $"resumed at step {checkpoint.Step}");
            log.WriteLine($"resuming {runId} at step {checkpoint.Step}");
            return run;
        }
        catch
        {
            registry.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Trains to the budget. On cancellation it stops after the current iteration, writes a checkpoint and marks the
    /// run interrupted; on an error it marks the run failed with the message.
    /// </summary>
    public TrainingResult Run(CancellationToken cancellation = default)
    {
        try
        {
            var result = Loop.Run(Spec.TotalSteps, Spec.Seed, cancellation);
            Checkpoint();
            _metrics.Flush();
            var summary = new Dictionary<string, double>(StringComparer.Ordinal)
            {
                ["steps"] = _agent.Steps,
                ["episodes"] = result.Episodes,
            };
            if (_returns.Count > 0) summary[MetricTags.EpisodicReturn] = _returns.TakeLast(100).Average();
            summary[MetricTags.StepsPerSecond] = result.StepsPerSecond;
            if (Evaluations.Count > 0) summary[MetricTags.EvalReturn] = Evaluations[^1].Mean;
            _registry.SetSummary(Record.Id, summary);
            _registry.UpdateStatus(Record.Id, result.Interrupted ? RunStatus.Interrupted : RunStatus.Finished,
                result.Interrupted ? $"interrupted at step {_agent.Steps}" : null);
            return result;
        }
        catch (Exception e)
        {
            _registry.UpdateStatus(Record.Id, RunStatus.Failed, e.Message);
            throw;
        }
    }

    /// <summary>The returns of the episodes finished in this process, in order.</summary>
    public IReadOnlyList<double> Returns => _returns;

    private void Subscribe()
    {
        _subscriptions.Add(Loop.Episodes.Subscribe(e => _returns.Add(e.Return)));
        _subscriptions.Add(Loop.Episodes.LogTo(_metrics, e => e.Step, (MetricTags.EpisodicReturn, e => e.Return), (MetricTags.EpisodicLength, e => e.Length)));
        _subscriptions.Add(Loop.Updates.Where((_, index) => index % 10 == 0)
            .LogTo(_metrics, u => u.Step, (MetricTags.TdLoss, u => u.Loss), (MetricTags.QValues, u => u.MeanQ)));
        var started = DateTime.UtcNow;
        long firstStep = _agent.Steps;
        _subscriptions.Add(Loop.Steps.Where(s => s.Iteration % 1000 == 0).LogTo(_metrics, s => s.Step,
            (MetricTags.Epsilon, s => s.Epsilon),
            (MetricTags.StepsPerSecond, s => (s.Step - firstStep) / Math.Max(1e-9, (DateTime.UtcNow - started).TotalSeconds))));
        _subscriptions.Add(Every(Spec.CheckpointEvery).Subscribe(_ => Checkpoint()));
        if (Spec.EvalEvery > 0)
        {
            var evaluator = new Evaluator(Spec.EnvId, Spec.Seed + 1_000_000);
            _subscriptions.Add(evaluator);
            _subscriptions.Add(Every(Spec.EvalEvery).Select(s => (s.Step, Mean: evaluator.Run(_agent, Spec.EvalEpisodes).Average()))
                .Do(_evaluations.Add)
                .LogTo(_metrics, e => e.Step, (MetricTags.EvalReturn, e => e.Mean)));
        }
        if (Spec.RecordVideoEvery > 0)
        {
            var recorder = new Evaluator(Spec.EnvId, Spec.Seed + 2_000_000, Path.Combine(Folder, "videos"), "train");
            _subscriptions.Add(recorder);
            _subscriptions.Add(Loop.Episodes.Where(e => e.Episode % Spec.RecordVideoEvery == 0).Subscribe(_ => recorder.Run(_agent, 1)));
        }
    }

    /// <summary>The greedy evaluations of this process: env step and mean return.</summary>
    public IReadOnlyList<(long Step, double Mean)> Evaluations => _evaluations;

    /// <summary>The iterations at which the step count crosses a multiple of <paramref name="interval"/>.</summary>
    private IObservable<StepEvent> Every(long interval) => Loop.Steps.Where(s => s.Step / interval != (s.Step - Spec.NumEnvs) / interval);

    private void Checkpoint()
    {
        if (_checkpoints.List().LastOrDefault()?.Step == _agent.Steps) return;
        var saved = _checkpoints.Save(_agent.Steps, Loop.WriteCheckpoint);
        _registry.AddArtifact(Record.Id, "checkpoint", saved.Path);
    }

    private static (int ObservationSize, int ActionCount) Shape(string envId)
    {
        using var env = Gym.Make(envId, disableEnvChecker: true);
        int observationSize = env.ObservationSpace is IBox box ? box.Size
            : throw new ArgumentException($"{envId} observes {env.ObservationSpace}; these agents need Box (vector) observations.");
        return (observationSize, ActionCount(env));
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var subscription in _subscriptions) subscription.Dispose();
        Loop.Dispose();
        _agent.Dispose();
        _envs.Dispose();
        _metrics.Dispose();
        _registry.Dispose();
    }

    /// <summary>One line: the run id and its folder.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"run {Record.Id} in {Folder}");
}
