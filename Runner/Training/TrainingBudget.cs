using System.Globalization;

namespace RlFramework.Runner.Training;

/// <summary>
/// How long a run trains: a number of env steps (summed over envs) or a number of finished episodes (summed over
/// envs); exactly one is set. A run whose budget is spent ends <c>finished</c>; the agent's schedules follow the same budget.
/// </summary>
/// <param name="Steps">The env-step budget, or null for a budget in episodes.</param>
/// <param name="Episodes">The episode budget, or null for a budget in steps.</param>
public readonly record struct TrainingBudget(long? Steps, long? Episodes)
{
    /// <summary>A budget of <paramref name="steps"/> env steps.</summary>
    public static TrainingBudget InSteps(long steps) => new(steps, null);

    /// <summary>A budget of <paramref name="episodes"/> finished episodes.</summary>
    public static TrainingBudget InEpisodes(long episodes) => new(null, episodes);

    /// <summary>Throws unless exactly one of steps and episodes is set, and positive.</summary>
    /// <exception cref="ArgumentException">Neither or both are set, or the one set is not positive.</exception>
    public void Validate()
    {
        if (Steps is null == Episodes is null)
            throw new ArgumentException($"A training budget is a number of steps or of episodes, not {(Steps is null ? "neither" : "both")}.");
        if (Steps is <= 0 || Episodes is <= 0) throw new ArgumentException($"A training budget must be positive; got {this}.");
    }

    /// <summary>Whether a run that has taken <paramref name="steps"/> env steps and finished <paramref name="episodes"/> episodes has spent the budget.</summary>
    public bool IsSpent(long steps, long episodes) => Steps is long s ? steps >= s : episodes >= Episodes!.Value;

    /// <summary>"500,000 steps" or "30 episodes".</summary>
    public override string ToString() => Steps is long s
        ? s.ToString("N0", CultureInfo.InvariantCulture) + " steps"
        : (Episodes ?? 0).ToString("N0", CultureInfo.InvariantCulture) + " episodes";
}
