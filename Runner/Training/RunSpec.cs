using System.Text.Json;

namespace RlFramework.Runner.Training;

/// <summary>Everything that defines a training run (run.json in the run's folder); a resume rebuilds the run from it.</summary>
/// <param name="EnvId">The registered env id.</param>
/// <param name="Agent">The agent's name.</param>
/// <param name="AgentConfig">The agent's JSON config, or null for its defaults.</param>
/// <param name="Seed">The root seed.</param>
/// <param name="NumEnvs">Envs stepped together.</param>
/// <param name="TotalSteps">The env-step budget, or null when the budget is in episodes.</param>
/// <param name="CheckpointEvery">Env steps between checkpoints.</param>
/// <param name="EvalEvery">Env steps between greedy evaluations (0: none).</param>
/// <param name="EvalEpisodes">Episodes per evaluation.</param>
/// <param name="RecordVideoEvery">Record one greedy episode as a GIF every this many training episodes (0: none).</param>
/// <param name="TotalEpisodes">The episode budget, or null when the budget is in steps.</param>
public sealed record RunSpec(string EnvId, string Agent, string? AgentConfig, int Seed, int NumEnvs, long? TotalSteps, long CheckpointEvery,
    long EvalEvery = 0, int EvalEpisodes = 10, int RecordVideoEvery = 0, long? TotalEpisodes = null)
{
    /// <summary>The file name in a run folder.</summary>
    public const string FileName = "run.json";

    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };

    /// <summary>The run's budget.</summary>
    public TrainingBudget Budget => new(TotalSteps, TotalEpisodes);

    /// <summary>Throws when a value is out of range, before anything is built or registered; the message names it.</summary>
    /// <exception cref="ArgumentException">A value is out of range.</exception>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(EnvId);
        ArgumentException.ThrowIfNullOrWhiteSpace(Agent);
        Budget.Validate();
        if (Seed < 0) throw new ArgumentException($"--seed must be a non-negative number; got {Seed}.");
        if (NumEnvs <= 0) throw new ArgumentException($"--num-envs must be positive; got {NumEnvs}.");
        if (CheckpointEvery <= 0) throw new ArgumentException($"--checkpoint-every must be positive; got {CheckpointEvery}.");
        if (EvalEvery < 0 || EvalEpisodes <= 0)
            throw new ArgumentException($"--eval-every must be 0 or positive and --eval-episodes positive; got {EvalEvery} and {EvalEpisodes}.");
        if (RecordVideoEvery < 0) throw new ArgumentException($"--record-video every:N needs N >= 1; got {RecordVideoEvery}.");
    }

    /// <summary>The spec as JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Options);

    /// <summary>Reads the spec of the run in <paramref name="runFolder"/>.</summary>
    /// <exception cref="InvalidDataException">run.json is missing or malformed.</exception>
    public static RunSpec Read(string runFolder)
    {
        string path = Path.Combine(runFolder, FileName);
        try
        {
            var spec = JsonSerializer.Deserialize<RunSpec>(File.ReadAllText(path)) ?? throw new InvalidDataException($"{path} is empty.");
            spec.Validate();
            return spec;
        }
        catch (Exception e) when (e is JsonException or FileNotFoundException or DirectoryNotFoundException or ArgumentException)
        {
            throw new InvalidDataException($"Cannot read the run spec {path}: {e.Message} Rebuild it or start a new run.", e);
        }
    }
}
