using System.Diagnostics;
using RlFramework.Agents.Trainers.Planning;
using RlFramework.Envs.RoboRally;

namespace RlFramework.Runner.Experiments.RoboRally;

/// <summary>
/// The RoboRally experiment of Glasmachers (2017), section 4.3: the planning world-model agent trained end-to-end and
/// decomposed, <c>runs</c> seeds each (seeds seed, seed+1, ...), all runs in parallel on the available cores.
/// Each run is deterministic for its seed, so the table does not depend on the number of cores.
/// </summary>
public static class RoboRallyReproduction
{
    /// <summary>
    /// Runs both schemes <paramref name="runs"/> times on <paramref name="map"/>; <paramref name="progress"/> (optional,
    /// made by the caller from <see cref="MaxUnits"/>) hears every run's training units and its end.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="runs"/> or <paramref name="threads"/> is not positive.</exception>
    /// <exception cref="ArgumentException">The map is larger than <see cref="PlanningTrainer.MaxStates"/> states.</exception>
    public static RoboRallyReproductionResult Run(RoboRallyMap map, PlanningConfig config, int runs, long seed = 0, int? threads = null, RoboRallyProgress? progress = null)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentOutOfRangeException.ThrowIfLessThan(runs, 1);
        int parallelism = threads ?? Environment.ProcessorCount;
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelism, 1, nameof(threads));
        var trainer = new PlanningTrainer(map, config);
        TrainingScheme[] schemes = [TrainingScheme.EndToEnd, TrainingScheme.Decomposed];
        var results = new PlanningRunResult[schemes.Length * runs];
        var clock = Stopwatch.StartNew();
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = parallelism },
            i =>
            {
                results[i] = trainer.Run(schemes[i / runs], seed + i % runs, progress);
                progress?.RunDone();
            });
        clock.Stop();
        var summaries = schemes.Select((s, k) => new RoboRallySchemeSummary(s, results[(k * runs)..((k + 1) * runs)])).ToList();
        return new RoboRallyReproductionResult(map, RoboRallySolver.EnumeratePrograms(new RoboRallyMdp(map)), summaries, clock.Elapsed, parallelism);
    }

    /// <summary>The most training units (episodes and planning steps) of <paramref name="runs"/> runs of both schemes.</summary>
    public static long MaxUnits(RoboRallyMap map, PlanningConfig config, int runs)
    {
        var trainer = new PlanningTrainer(map, config);
        return (long)runs * (trainer.MaxUnits(TrainingScheme.EndToEnd) + trainer.MaxUnits(TrainingScheme.Decomposed));
    }
}
