namespace RlFramework.Envs.Wrappers;

/// <summary>One finished episode, as <see cref="RecordEpisodeStatistics{TObs, TAct}"/> puts it in info["episode"] (Gymnasium's r, l, t).</summary>
/// <param name="Return">The undiscounted sum of rewards (r).</param>
/// <param name="Length">The number of steps (l).</param>
/// <param name="Time">Seconds from Reset to the end of the episode (t).</param>
public sealed record EpisodeStatistics(double Return, int Length, double Time);
