namespace RlFramework.Runner.Training;

/// <summary>Published when an env finishes an episode.</summary>
/// <param name="Step">Env steps so far when it ended.</param>
/// <param name="Env">The env's index.</param>
/// <param name="Episode">Episodes finished so far over all envs (this one included).</param>
/// <param name="Return">The episode's undiscounted return.</param>
/// <param name="Length">The episode's length in steps.</param>
public readonly record struct EpisodeEvent(long Step, int Env, long Episode, double Return, int Length);
