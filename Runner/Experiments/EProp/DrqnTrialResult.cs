namespace RlFramework.Runner.Experiments.EProp;

/// <summary>The outcome of one DRQN training run.</summary>
/// <param name="Variant">The variant's name.</param>
/// <param name="EnvId">The env id.</param>
/// <param name="Seed">The seed.</param>
/// <param name="EpisodesToSolve">The first episode (counting the random ones, 1-based) at which the mean training return of the last 100 episodes reached the threshold; null if it never did within the budget.</param>
/// <param name="FinalMeanReturn">Mean training (ε-greedy) return of the last 100 episodes of the run.</param>
/// <param name="Evaluations">Greedy evaluations: after how many training episodes, and the mean return of the evaluation episodes; the last one is at the end of the run.</param>
/// <param name="Episodes">Episodes played.</param>
/// <param name="Updates">Gradient steps taken.</param>
/// <param name="WallSeconds">Wall time of the run.</param>
public sealed record DrqnTrialResult(string Variant, string EnvId, int Seed, int? EpisodesToSolve, double FinalMeanReturn,
    IReadOnlyList<(int Episode, double MeanReturn)> Evaluations, int Episodes, long Updates, double WallSeconds)
{
    /// <summary>Mean return of the greedy evaluation at the end of the run.</summary>
    public double FinalGreedyReturn => Evaluations[^1].MeanReturn;
}
