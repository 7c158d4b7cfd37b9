namespace RlFramework.Agents.Trainers.Planning;

/// <summary>The end of one training run of the planning agent.</summary>
/// <param name="Scheme">How it was trained.</param>
/// <param name="Seed">The run's seed.</param>
/// <param name="GreedyProgram">The most probable action of every card after training.</param>
/// <param name="Return">The greedy program's true return on the map.</param>
/// <param name="Outcome">How the greedy program ends.</param>
/// <param name="ModelError">The world model's final error against the true MDP (<see cref="LinearWorldModel.ErrorTo"/>).</param>
/// <param name="ModelEpisodes">Episodes run in the environment (end-to-end: all; decomposed: the random programs for the model).</param>
/// <param name="GoalEpisodes">How many of those episodes ended on the goal.</param>
public sealed record PlanningRunResult(
    TrainingScheme Scheme, long Seed, int[] GreedyProgram, double Return, ProgramOutcome Outcome,
    double ModelError, int ModelEpisodes, int GoalEpisodes)
{
    /// <summary>True when the greedy program is optimal.</summary>
    public bool Success => Outcome == ProgramOutcome.Optimal;
}
