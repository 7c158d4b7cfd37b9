namespace RlFramework.Runner.Runs;

/// <summary>One row of the run registry.</summary>
/// <param name="Id">Human-readable unique id, e.g. <c>cartpole-v1-dqn-20261123-193000-s1</c>; also the run's folder name.</param>
/// <param name="Env">The env id trained on.</param>
/// <param name="Agent">The agent name.</param>
/// <param name="Config">The full configuration as JSON, every hyperparameter included.</param>
/// <param name="Seed">The root seed.</param>
/// <param name="StartedAt">When the run started (UTC).</param>
/// <param name="EndedAt">When it ended; null while running.</param>
/// <param name="Status">Running, finished, failed or interrupted.</param>
/// <param name="Message">Why it failed or was interrupted, if known.</param>
/// <param name="Summary">Headline metrics (e.g. final mean return, SPS), by tag.</param>
/// <param name="Artifacts">Files the run produced (checkpoints, videos, logs), by name, as full paths.</param>
/// <param name="Host">The machine that ran it.</param>
/// <param name="ProcessId">The process that ran it.</param>
public sealed record RunRecord(
    string Id,
    string Env,
    string Agent,
    string Config,
    long Seed,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    RunStatus Status,
    string? Message,
    IReadOnlyDictionary<string, double> Summary,
    IReadOnlyDictionary<string, string> Artifacts,
    string Host,
    int ProcessId)
{
    /// <summary>How long the run took, or has taken by <paramref name="now"/> if it has not ended.</summary>
    public TimeSpan Duration(DateTimeOffset now) => (EndedAt ?? now) - StartedAt;
}
