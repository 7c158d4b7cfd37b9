using RlFramework.Runner.Logging;
using RlFramework.Runner.Runs;
using RlFramework.Runner.Training;

namespace RlFramework.Runner.Reports;

/// <summary>What <c>rl plot</c> and <c>rl report</c> read of one run: its folder, spec, registry record (if any), metrics and latest video.</summary>
/// <param name="Name">The run id (the folder name).</param>
/// <param name="Folder">The run folder (full path).</param>
/// <param name="Spec">run.json, or null when the folder has none.</param>
/// <param name="Record">The registry row, or null when the folder is not in a registry.</param>
/// <param name="Metrics">The metric series by tag.</param>
/// <param name="LatestVideo">The newest GIF in videos/, or null.</param>
public sealed record RunData(string Name, string Folder, RunSpec? Spec, RunRecord? Record, IReadOnlyDictionary<string, MetricSeries> Metrics, string? LatestVideo)
{
    /// <summary>The series of <paramref name="tag"/>, or null when the run never logged it.</summary>
    public MetricSeries? Series(string tag) => Metrics.TryGetValue(tag, out var s) && s.Count > 0 ? s : null;

    /// <summary>What runs with the same settings share (env, agent and agent config, not the seed): runs with equal keys are seeds of one config.</summary>
    public string ConfigKey => Spec is null ? Name : $"{Spec.EnvId} · {Spec.Agent}{(Spec.AgentConfig is null ? "" : " · " + Spec.AgentConfig.ReplaceLineEndings(" "))}";

    /// <summary>
    /// The config's name in a legend: env and agent, and for a custom agent config the first 8 hex digits of its
    /// SHA-256 (the full config is in run.json and in <c>rl report</c>), so a long config is never cut off.
    /// </summary>
    public string ConfigLabel => Label ?? (Spec is null ? Name : $"{Spec.EnvId} · {Spec.Agent}{(Spec.AgentConfig is null ? "" : " · config " + ConfigHash(Spec.AgentConfig))}");

    /// <summary>The config's name in a legend when the caller knows a better one (a sweep names it by the fields it varies); null: <see cref="ConfigLabel"/>'s default.</summary>
    public string? Label { get; init; }

    private static string ConfigHash(string configJson) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(configJson)))[..8];

    /// <summary>
    /// Loads <paramref name="run"/>: a run folder (one holding metrics.csv or run.json), or a run id in the registry of
    /// <paramref name="runsFolder"/>.
    /// </summary>
    /// <exception cref="ArgumentException">No such folder or run, or the run has no metrics.</exception>
    public static RunData Load(string run, string runsFolder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(run);
        string folder;
        RunRecord? record = null;
        if (Directory.Exists(run) && (File.Exists(Path.Combine(run, CsvMetricsSink.DefaultFileName)) || File.Exists(Path.Combine(run, RunSpec.FileName))))
        {
            folder = Path.GetFullPath(run);
            string parent = Path.GetDirectoryName(folder)!;
            if (RunRegistry.Exists(parent))
            {
                using var registry = RunRegistry.Open(parent);
                registry.TryGet(Path.GetFileName(folder), out record);
            }
        }
        else if (RunRegistry.Exists(runsFolder))
        {
            using var registry = RunRegistry.Open(runsFolder);
            record = registry.Get(run); // an unknown id: ArgumentException listing close ones
            folder = registry.RunFolder(record.Id);
        }
        else
        {
            throw new ArgumentException($"Run '{run}' is neither a run folder (with metrics.csv) nor a run id: '{Path.GetFullPath(runsFolder)}' has no run registry.");
        }

        string name = Path.GetFileName(folder);
        RunSpec? spec = File.Exists(Path.Combine(folder, RunSpec.FileName)) ? ReadSpec(folder) : null;
        var metrics = RunMetrics.Read(Path.Combine(folder, CsvMetricsSink.DefaultFileName), name);
        string videos = Path.Combine(folder, "videos");
        string? video = Directory.Exists(videos)
            ? new DirectoryInfo(videos).GetFiles("*.gif").OrderBy(f => f.LastWriteTimeUtc).ThenBy(f => f.Name, StringComparer.Ordinal).LastOrDefault()?.FullName
            : null;
        return new RunData(name, folder, spec, record, metrics, video);
    }

    private static RunSpec ReadSpec(string folder)
    {
        try
        {
            return RunSpec.Read(folder);
        }
        catch (InvalidDataException e)
        {
            throw new ArgumentException(e.Message, e);
        }
    }
}
