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
        var results = new PlanningRunResult[Schemes.Count * runs];
        var clock = Stopwatch.StartNew();
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = parallelism },
            i =>
            {
                var (scheme, runSeed) = RunOf(i, runs, seed);
                results[i] = trainer.Run(scheme, runSeed, progress);
                progress?.RunDone();
            });
        clock.Stop();
        return Summarize(map, results, clock.Elapsed, parallelism);
    }

    /// <summary>The schemes in the order of the runs: end-to-end, then decomposed.</summary>
    public static IReadOnlyList<TrainingScheme> Schemes { get; } = [TrainingScheme.EndToEnd, TrainingScheme.Decomposed];

    /// <summary>Run <paramref name="index"/> of an experiment of <paramref name="runs"/> seeds per scheme from <paramref name="seed"/>: its scheme and seed.</summary>
    public static (TrainingScheme Scheme, long Seed) RunOf(int index, int runs, long seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(runs, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Schemes.Count * runs);
        return (Schemes[index / runs], seed + index % runs);
    }

    /// <summary>The outcome of the runs' <paramref name="results"/>, in run order (see <see cref="RunOf"/>), however they were computed.</summary>
    /// <exception cref="ArgumentException">The results are not one per run of both schemes.</exception>
    public static RoboRallyReproductionResult Summarize(RoboRallyMap map, IReadOnlyList<PlanningRunResult> results, TimeSpan wallTime, int threads)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(results);
        int runs = results.Count / Schemes.Count;
        if (runs < 1 || results.Count % Schemes.Count != 0)
            throw new ArgumentException($"Expected the same number of runs (at least one) for each of the {Schemes.Count} schemes; got {results.Count} results.", nameof(results));
        var summaries = Schemes.Select((s, k) => new RoboRallySchemeSummary(s, [.. results.Skip(k * runs).Take(runs)])).ToList();
        return new RoboRallyReproductionResult(map, RoboRallySolver.EnumeratePrograms(new RoboRallyMdp(map)), summaries, wallTime, threads);
    }

    /// <summary>The most training units (episodes and planning steps) of <paramref name="runs"/> runs of both schemes.</summary>
    public static long MaxUnits(RoboRallyMap map, PlanningConfig config, int runs)
    {
        var trainer = new PlanningTrainer(map, config);
        return (long)runs * (trainer.MaxUnits(TrainingScheme.EndToEnd) + trainer.MaxUnits(TrainingScheme.Decomposed));
    }
}
