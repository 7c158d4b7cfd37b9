using RlFramework.Agents;
using RlFramework.Runner.Runs;
using RlFramework.Runner.Training;

namespace RlFramework.Runner.Cli;

/// <summary>A trained run's agent, loaded from its latest checkpoint that verifies, and its greedy policy for one env.</summary>
internal sealed class TrainedPolicy : IDisposable
{
    private readonly IAgentCore _agent;

    private TrainedPolicy(string folder, RunSpec spec, Checkpoint checkpoint, IAgentCore agent, IPolicy<int>? discrete, IPolicy<float[]>? continuous) =>
        (Folder, Spec, Checkpoint, _agent, Discrete, Continuous) = (folder, spec, checkpoint, agent, discrete, continuous);

    /// <summary>The run's folder.</summary>
    public string Folder { get; }

    /// <summary>The run's definition.</summary>
    public RunSpec Spec { get; }

    /// <summary>The checkpoint loaded.</summary>
    public Checkpoint Checkpoint { get; }

    /// <summary>The greedy policy, one env wide, when the env's actions are Discrete (else null).</summary>
    public IPolicy<int>? Discrete { get; }

    /// <summary>The greedy policy, one env wide, when the env's actions are a Box (else null).</summary>
    public IPolicy<float[]>? Continuous { get; }

    /// <summary>Plays <paramref name="episodes"/> greedy episodes in <paramref name="evaluator"/>'s env and returns their returns.</summary>
    public IReadOnlyList<double> Play(Evaluator evaluator, int episodes) =>
        Discrete is { } discrete ? evaluator.Run(discrete, episodes) : evaluator.Run(Continuous!, episodes);

    /// <summary>The folder of run <paramref name="runId"/> in the runs folder <paramref name="output"/>.</summary>
    private static string RunFolder(string output, string runId)
    {
        using var registry = RunRegistry.Open(output);
        return registry.RunFolder(registry.Get(runId).Id);
    }

    /// <summary>Loads run <paramref name="runId"/>; says on <paramref name="log"/> when it falls back from a newer checkpoint that does not verify.</summary>
    /// <exception cref="InvalidDataException">No checkpoint of the run verifies.</exception>
    public static TrainedPolicy Load(string output, string runId, TextWriter log)
    {
        string folder = RunFolder(output, runId);
        var spec = RunSpec.Read(folder);
        var checkpoint = new CheckpointStore(Path.Combine(folder, "checkpoints")).FindLatestGood(out var refused)
            ?? throw new InvalidDataException($"Run {runId} has no checkpoint that verifies{(refused.Count > 0 ? ": " + string.Join("; ", refused) : "")}.");
        foreach (var reason in refused) log.WriteLine($"falling back to the checkpoint at step {checkpoint.Step}: {reason}");
        var (observationSize, actionSpace) = TrainingRun.Spaces(spec.EnvId);
        var agent = AgentChoice.Create(spec.Agent, observationSize, actionSpace, spec.NumEnvs, spec.Seed, spec.AgentConfig, threads: 1); // only its greedy policy runs
        try
        {
            agent.Load(Path.Combine(checkpoint.Path, "agent"));
            return agent switch
            {
                IPolicySource<int> discrete => new TrainedPolicy(folder, spec, checkpoint, agent, discrete.CreatePolicy(1), null),
                IPolicySource<float[]> continuous => new TrainedPolicy(folder, spec, checkpoint, agent, null, continuous.CreatePolicy(1)),
                _ => throw new ArgumentException($"The {spec.Agent} agent of run {runId} has no greedy policy."),
            };
        }
        catch
        {
            agent.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _agent.Dispose();
}
