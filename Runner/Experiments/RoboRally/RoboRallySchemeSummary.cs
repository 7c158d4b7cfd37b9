using RlFramework.Agents.Trainers.Planning;

namespace RlFramework.Runner.Experiments.RoboRally;

/// <summary>The runs of one training scheme in the RoboRally reproduction.</summary>
/// <param name="Scheme">The training scheme.</param>
/// <param name="Runs">Every run, in seed order.</param>
public sealed record RoboRallySchemeSummary(TrainingScheme Scheme, IReadOnlyList<PlanningRunResult> Runs)
{
    /// <summary>Runs whose greedy program is optimal.</summary>
    public int Successes => Runs.Count(r => r.Success);

    /// <summary>The mean true return of the greedy programs.</summary>
    public double MeanReturn => Runs.Average(r => r.Return);

    /// <summary>The mean final world-model error against the true MDP.</summary>
    public double MeanModelError => Runs.Average(r => r.ModelError);

    /// <summary>The mean number of episodes played in the environment.</summary>
    public double MeanEnvEpisodes => Runs.Average(r => r.ModelEpisodes);

    /// <summary>How many failed runs ended with <paramref name="outcome"/>.</summary>
    public int Failed(ProgramOutcome outcome) => Runs.Count(r => r.Outcome == outcome);
}
