using System.Text.Json;

namespace RlFramework.Runner.Training;

/// <summary>Everything that defines a training run (run.json in the run's folder); a resume rebuilds the run from it.</summary>
/// <param name="EnvId">The registered env id.</param>
/// <param name="Agent">The agent's name.</param>
/// <param name="AgentConfig">The agent's JSON config, or null for its defaults.</param>
/// <param name="Seed">The root seed.</param>
/// <param name="NumEnvs">Envs stepped together.</param>
/// <param name="TotalSteps">The env-step budget.</param>
/// <param name="CheckpointEvery">Env steps between checkpoints.</param>
/// <param name="EvalEvery">Env steps between greedy evaluations (0: none).</param>
/// <param name="EvalEpisodes">Episodes per evaluation.</param>
/// <param name="RecordVideoEvery">Record one greedy episode as a GIF every this many training episodes (0: none).</param>
public sealed record RunSpec(string EnvId, string Agent, string? AgentConfig, int Seed, int NumEnvs, long TotalSteps, long CheckpointEvery,
    long EvalEvery = 0, int EvalEpisodes = 10, int RecordVideoEvery = 0)
{
    /// <summary>The file name in a run folder.</summary>
    public const string FileName = "run.json";

    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };

    /// <summary>The spec as JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Options);

    /// <summary>Reads the spec of the run in <paramref name="runFolder"/>.</summary>
    /// <exception cref="InvalidDataException">run.json is missing or malformed.</exception>
    public static RunSpec Read(string runFolder)
    {
        string path = Path.Combine(runFolder, FileName);
        try
        {
            return JsonSerializer.Deserialize<RunSpec>(File.ReadAllText(path)) ?? throw new InvalidDataException($"{path} is empty.");
        }
        catch (Exception e) when (e is JsonException or FileNotFoundException or DirectoryNotFoundException)
        {
            throw new InvalidDataException($"Cannot read the run spec {path}: {e.Message}", e);
        }
    }
}
