using System.Globalization;
using System.Reactive.Linq;
using System.Text.Json;
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
    private readonly RunLock _lock;
    private readonly IVectorEnv _envs;
    private readonly IAgentCore _agent;
    private readonly CheckpointStore _checkpoints;
    private readonly CompositeMetricsSink _metrics;
    private readonly List<IDisposable> _subscriptions = [];
    private readonly List<double> _returns = [];
    private readonly List<(long Step, double Mean)> _evaluations = [];

    private TrainingRun(RunRegistry registry, RunLock runLock, RunRecord record, RunSpec spec, Parts parts, long? resumeAfterStep)
    {
        (_registry, _lock, Record, Spec, _envs, _agent) = (registry, runLock, record, spec, parts.Envs, parts.Agent);
        Folder = registry.RunFolder(record.Id);
        Loop = parts.Loop;
        _checkpoints = new CheckpointStore(Path.Combine(Folder, "checkpoints"));
        _metrics = CompositeMetricsSink.OpenRunFolder(Folder, resumeAfterStep);
        try
        {
            if (resumeAfterStep is null)
                foreach (var board in _metrics.Sinks.OfType<TensorBoardSink>()) board.WriteText(0, MetricTags.Hyperparameters, HyperparameterTable(spec));
        }
        catch
        {
            _metrics.Dispose(); // the caller disposes what it passed in
            throw;
        }
        Subscribe();
    }

    /// <summary>The run's registry record (as at start).</summary>
    public RunRecord Record { get; }

    /// <summary>The run's definition.</summary>
    public RunSpec Spec { get; }

    /// <summary>The run's folder.</summary>
    public string Folder { get; }

    /// <summary>The loop, for extra subscribers (progress display, early stopping).</summary>
    public ITrainingLoop Loop { get; }

    /// <summary>The agent being trained.</summary>
    public IAgentCore Agent => _agent;

    /// <summary>
    /// Registers a new run under <paramref name="outputFolder"/> and prepares it. Everything that can be checked is
    /// checked before the run is registered (the spec, the env's spaces, the agent's construction, that every env can
    /// be checkpointed), so bad input leaves no run behind; a failure after registration marks the run failed.
    /// </summary>
    /// <param name="outputFolder">The runs folder (holds the registry).</param>
    /// <param name="spec">The run's definition.</param>
    /// <param name="createAgent">
    /// Builds the agent from the observation length and the env's action space: an <see cref="IAgent{TAct}"/> of int
    /// for a Discrete space, of float[] for a Box.
    /// </param>
    public static TrainingRun Start(string outputFolder, RunSpec spec, Func<int, ISpace, IAgentCore> createAgent)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(createAgent);
        spec.Validate();
        var parts = Parts.Build(spec, createAgent);
        RunRegistry? registry = null;
        RunRecord? record = null;
        RunLock? runLock = null;
        try
        {
            registry = RunRegistry.Open(outputFolder);
            record = registry.StartRun(spec.EnvId, spec.Agent, spec.ToJson(), spec.Seed);
            string folder = Directory.CreateDirectory(registry.RunFolder(record.Id)).FullName;
            runLock = RunLock.Acquire(folder, record.Id);
            AtomicFile.WriteAllBytes(Path.Combine(folder, RunSpec.FileName), System.Text.Encoding.UTF8.GetBytes(spec.ToJson()));
            return new TrainingRun(registry, runLock, record, spec, parts, resumeAfterStep: null);
        }
        catch (Exception e)
        {
            if (record is not null) registry!.UpdateStatus(record.Id, RunStatus.Failed, e.Message);
            runLock?.Dispose();
            registry?.Dispose();
            parts.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Continues run <paramref name="runId"/> from its latest checkpoint that verifies. <paramref name="redefine"/> may
    /// give the run a new budget and agent config (to extend it, a finished one too); what defines the run's identity
    /// (env, agent, seed, envs) cannot change.
    /// </summary>
    /// <param name="outputFolder">The runs folder (holds the registry).</param>
    /// <param name="runId">The run to continue.</param>
    /// <param name="createAgent">Builds the agent from the spec, the observation length and the env's action space (see <see cref="Start"/>).</param>
    /// <param name="log">Receives what the resume skipped or did.</param>
    /// <param name="redefine">Maps the stored spec to the one to continue with, or null to keep it.</param>
    /// <exception cref="InvalidDataException">The run has checkpoints but none verifies (a run stopped before its first checkpoint starts over).</exception>
    /// <exception cref="RunInUseException">Another process holds the run.</exception>
    public static TrainingRun Resume(string outputFolder, string runId, Func<RunSpec, int, ISpace, IAgentCore> createAgent, TextWriter log,
        Func<RunSpec, RunSpec>? redefine = null)
    {
        ArgumentNullException.ThrowIfNull(createAgent);
        ArgumentNullException.ThrowIfNull(log);
        var registry = RunRegistry.Open(outputFolder);
        RunLock? runLock = null;
        Parts? parts = null;
        try
        {
            var record = registry.Get(runId);
            string folder = registry.RunFolder(record.Id);
            runLock = RunLock.Acquire(folder, record.Id);
            var stored = RunSpec.Read(folder);
            var spec = redefine is null ? stored : Redefined(stored, redefine(stored));
            if (record.Status == RunStatus.Finished && spec.Budget == stored.Budget)
                throw new ArgumentException($"Run {runId} already finished its budget ({spec.Budget}); extend it with --steps or --episodes, or start a new run.");
            var checkpoint = LatestCheckpoint(folder, runId, log);
            parts = Parts.Build(spec, (observationSize, actionSpace) => createAgent(spec, observationSize, actionSpace));
            var run = new TrainingRun(registry, runLock, record, spec, parts, checkpoint?.Step ?? 0);
            if (checkpoint is not null) run.Loop.LoadCheckpoint(checkpoint.Path);
            if (spec != stored) AtomicFile.WriteAllBytes(Path.Combine(folder, RunSpec.FileName), System.Text.Encoding.UTF8.GetBytes(spec.ToJson()));
            long step = checkpoint?.Step ?? 0;
            registry.UpdateStatus(record.Id, RunStatus.Running, $"resumed at step {step}");
            log.WriteLine(checkpoint is null
                ? $"{runId} stopped before its first checkpoint: starting it over from step 0 with a budget of {spec.Budget}"
                : $"resuming {runId} at step {step} with a budget of {spec.Budget}");
            return run;
        }
        catch
        {
            parts?.Dispose();
            runLock?.Dispose();
            registry.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The newest checkpoint of the run that verifies (saying which newer ones it skipped), or null when the run stopped
    /// before writing any: it then starts over, which is what it would have done uninterrupted.
    /// </summary>
    /// <exception cref="InvalidDataException">Checkpoints exist but none verifies.</exception>
    private static Checkpoint? LatestCheckpoint(string folder, string runId, TextWriter log)
    {
        var store = new CheckpointStore(Path.Combine(folder, "checkpoints"));
        var checkpoint = store.FindLatestGood(out var refused);
        if (checkpoint is null && refused.Count > 0)
            throw new InvalidDataException($"Run {runId} has no checkpoint that verifies: {string.Join("; ", refused)}.");
        foreach (var reason in refused) log.WriteLine($"skipping a newer checkpoint: {reason}");
        return checkpoint;
    }

    /// <summary>The redefined spec, once checked to keep the run's identity and budget unit.</summary>
    private static RunSpec Redefined(RunSpec stored, RunSpec next)
    {
        next.Validate();
        if (next with { TotalSteps = stored.TotalSteps, TotalEpisodes = stored.TotalEpisodes, AgentConfig = stored.AgentConfig } != stored)
            throw new ArgumentException("A resumed run keeps its env, agent, seed, envs and logging settings; only its budget and agent config may change.");
        if (next.TotalSteps is null != stored.TotalSteps is null)
            throw new ArgumentException($"The run's budget is {stored.Budget}; extend it in the same unit ({(stored.TotalSteps is null ? "--episodes" : "--steps")}), not with {next.Budget}.");
        return next;
    }

    /// <summary>The hyperparameters as a Markdown table, as CleanRL logs them (TensorBoard's text tab).</summary>
    private static string HyperparameterTable(RunSpec spec)
    {
        var rows = new List<(string, string)>
        {
            ("env_id", spec.EnvId), ("agent", spec.Agent), ("seed", spec.Seed.ToString(CultureInfo.InvariantCulture)),
            ("num_envs", spec.NumEnvs.ToString(CultureInfo.InvariantCulture)), ("budget", spec.Budget.ToString()),
        };
        if (spec.AgentConfig is not null)
        {
            foreach (var field in JsonDocument.Parse(spec.AgentConfig).RootElement.EnumerateObject())
                rows.Add((field.Name, field.Value.ToString()));
        }

        return "|param|value|\n|-|-|\n" + string.Join("\n", rows.Select(r => $"|{r.Item1}|{r.Item2}|"));
    }

    /// <summary>The envs, the agent and their loop, built and checked before anything is registered or written.</summary>
    private sealed class Parts : IDisposable
    {
        private Parts(IVectorEnv envs, IAgentCore agent, ITrainingLoop loop) => (Envs, Agent, Loop) = (envs, agent, loop);

        public IVectorEnv Envs { get; }

        public IAgentCore Agent { get; }

        public ITrainingLoop Loop { get; }

        public static Parts Build(RunSpec spec, Func<int, ISpace, IAgentCore> createAgent)
        {
            var (observationSize, actionSpace) = Spaces(spec.EnvId);
            var agent = createAgent(observationSize, actionSpace);
            try
            {
                return agent switch
                {
                    IAgent<int> discrete when actionSpace is Discrete => Build(spec, discrete),
                    IAgent<float[]> continuous when actionSpace is Box<float> => Build(spec, continuous),
                    _ => throw new ArgumentException($"The {agent.Name} agent cannot act in {spec.EnvId}'s action space {actionSpace}."),
                };
            }
            catch
            {
                agent.Dispose();
                throw;
            }
        }

        private static Parts Build<TAct>(RunSpec spec, IAgent<TAct> agent) where TAct : notnull
        {
            var envs = Gym.MakeVec<float, TAct>(spec.EnvId, spec.NumEnvs, autoreset: AutoresetMode.SameStep);
            try
            {
                foreach (var env in envs.Envs)
                {
                    if (env is not ISnapshotEnv)
                        throw new ArgumentException($"{spec.EnvId} cannot save its state ({env} does not implement ISnapshotEnv), so a run on it could not be checkpointed or resumed.");
                }

                if ((spec.EvalEvery > 0 || spec.RecordVideoEvery > 0) && agent is not IPolicySource<TAct>)
                    throw new ArgumentException($"The {agent.Name} agent has no greedy policy to evaluate or record; drop --eval-every and --record-video.");
                return new Parts(envs, agent, new TrainingLoop<TAct>(envs, agent));
            }
            catch
            {
                envs.Dispose();
                throw;
            }
        }

        public void Dispose()
        {
            Loop.Dispose();
            Agent.Dispose();
            Envs.Dispose();
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
            var result = Loop.Run(Spec.Budget, Spec.Seed, cancellation);
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
        // As CleanRL: the losses of the updates made at a multiple of 100 env steps, a rule of the global step alone, so a resumed run logs the same rows.
        _subscriptions.Add(Loop.Updates.Where(u => u.Metrics is null && u.Step % 100 < Spec.NumEnvs)
            .LogTo(_metrics, u => u.Step, (MetricTags.TdLoss, u => u.Loss), (MetricTags.QValues, u => u.MeanQ)));
        // An agent that names its measurements (PPO, once per rollout) has every update logged under those names.
        _subscriptions.Add(Loop.Updates.Where(u => u.Metrics is not null).Subscribe(u =>
        {
            foreach (var (tag, value) in u.Metrics!) _metrics.Write(u.Step, tag, value);
        }));
        var started = DateTime.UtcNow;
        long firstStep = _agent.Steps;
        (string, Func<StepEvent, double>) stepsPerSecond = (MetricTags.StepsPerSecond, s => (s.Step - firstStep) / Math.Max(1e-9, (DateTime.UtcNow - started).TotalSeconds));
        // An agent without exploration rate (NaN: PPO) logs no charts/epsilon, as CleanRL's ppo.py.
        _subscriptions.Add(Loop.Steps.Where(s => s.Iteration % 1000 == 0).LogTo(_metrics, s => s.Step,
            double.IsNaN(_agent.Epsilon) ? [stepsPerSecond] : [(MetricTags.Epsilon, s => s.Epsilon), stepsPerSecond]));
        _subscriptions.Add(Every(Spec.CheckpointEvery).Subscribe(_ => Checkpoint()));
        if (_agent is IPolicySource<int> discrete) SubscribeEvaluations(discrete);
        else if (_agent is IPolicySource<float[]> continuous) SubscribeEvaluations(continuous);
    }

    /// <summary>The greedy evaluations and videos the spec asks for, through policies of <paramref name="source"/>.</summary>
    private void SubscribeEvaluations<TAct>(IPolicySource<TAct> source) where TAct : notnull
    {
        if (Spec.EvalEvery > 0)
        {
            var evaluator = new Evaluator(Spec.EnvId, Spec.Seed + 1_000_000);
            var policy = source.CreatePolicy(1);
            _subscriptions.Add(evaluator);
            _subscriptions.Add(Every(Spec.EvalEvery).Select(s => (s.Step, Mean: evaluator.Run(policy, Spec.EvalEpisodes).Average()))
                .Do(_evaluations.Add)
                .LogTo(_metrics, e => e.Step, (MetricTags.EvalReturn, e => e.Mean)));
        }
        if (Spec.RecordVideoEvery > 0)
        {
            var recorder = new Evaluator(Spec.EnvId, Spec.Seed + 2_000_000, Path.Combine(Folder, "videos"), "train");
            var policy = source.CreatePolicy(1);
            _subscriptions.Add(recorder);
            _subscriptions.Add(Loop.Episodes.Where(e => e.Episode % Spec.RecordVideoEvery == 0).Subscribe(_ => recorder.Run(policy, 1)));
        }
    }

    /// <summary>The greedy evaluations of this process: env step and mean return.</summary>
    public IReadOnlyList<(long Step, double Mean)> Evaluations => _evaluations;

    /// <summary>The iterations at which the step count crosses a multiple of <paramref name="interval"/>.</summary>
    private IObservable<StepEvent> Every(long interval) => Loop.Steps.Where(s => s.Step / interval != (s.Step - Spec.NumEnvs) / interval);

    /// <summary>Saves a checkpoint, after pushing the metrics logged so far out of the process, so a crash after it loses no row it covers.</summary>
    private void Checkpoint()
    {
        if (_checkpoints.List().LastOrDefault()?.Step == _agent.Steps) return;
        _metrics.Flush();
        var saved = _checkpoints.Save(_agent.Steps, Loop.WriteCheckpoint);
        _registry.AddArtifact(Record.Id, "checkpoint", saved.Path);
    }

    /// <summary>The observation length and number of actions of <paramref name="envId"/>, which must observe float vectors and act in a Discrete space.</summary>
    public static (int ObservationSize, int ActionCount) Shape(string envId)
    {
        var (observationSize, actionSpace) = Spaces(envId);
        return (observationSize, actionSpace is Discrete discrete ? discrete.N
            : throw new ArgumentException($"{envId} has the action space {actionSpace}; these agents need Discrete actions."));
    }

    /// <summary>The observation length and the action space of <paramref name="envId"/>, which must observe float vectors.</summary>
    public static (int ObservationSize, ISpace ActionSpace) Spaces(string envId)
    {
        using var env = Gym.Make(envId, disableEnvChecker: true);
        int observationSize = env.ObservationSpace is Box<float> { Shape.Count: 1 } box ? box.Size
            : throw new ArgumentException($"{envId} observes {env.ObservationSpace}; these agents need a Box of float vectors (1-D observations).");
        return (observationSize, env.ActionSpace);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var subscription in _subscriptions) subscription.Dispose();
        Loop.Dispose();
        _agent.Dispose();
        _envs.Dispose();
        _metrics.Dispose();
        _lock.Dispose();
        _registry.Dispose();
    }

    /// <summary>One line: the run id and its folder.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"run {Record.Id} in {Folder}");
}
