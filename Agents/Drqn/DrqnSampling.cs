namespace RlFramework.Agents.Drqn;

/// <summary>What a <see cref="DrqnAgent"/> update replays.</summary>
public enum DrqnSampling
{
    /// <summary>Bootstrapped random updates: windows of window_length steps at random points of stored episodes, hidden state zeroed at the window start.</summary>
    RandomWindows,
    /// <summary>Sequential whole-episode updates: whole episodes from their first step (cut at max_episode_length).</summary>
    WholeEpisodes,
}
