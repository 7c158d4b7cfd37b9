using RlFramework.Agents;

namespace RlFramework.Runner.Training;

/// <summary>The agent–env loop whatever its action type (see <see cref="TrainingLoop{TAct}"/>): its event streams, its run and its checkpoints.</summary>
public interface ITrainingLoop : IDisposable
{
    /// <summary>Every iteration.</summary>
    IObservable<StepEvent> Steps { get; }

    /// <summary>Every finished episode.</summary>
    IObservable<EpisodeEvent> Episodes { get; }

    /// <summary>Every learning step of the agent.</summary>
    IObservable<LearnerUpdate> Updates { get; }

    /// <summary>Asks the loop to stop after the current iteration (for early stopping subscribers).</summary>
    void RequestStop();

    /// <summary>Runs until <paramref name="budget"/> is spent, a stop is requested or <paramref name="cancellation"/> fires.</summary>
    /// <param name="budget">When to stop.</param>
    /// <param name="seed">The reset seed of the first episode of env 0 (env i gets seed + i).</param>
    /// <param name="cancellation">Ends the run cleanly after the current iteration.</param>
    TrainingResult Run(TrainingBudget budget, int? seed, CancellationToken cancellation = default);

    /// <summary>Writes into <paramref name="folder"/> everything that resumes this run exactly (agent/ and loop.json).</summary>
    void WriteCheckpoint(string folder);

    /// <summary>Restores a checkpoint written by <see cref="WriteCheckpoint"/>.</summary>
    void LoadCheckpoint(string folder);
}
