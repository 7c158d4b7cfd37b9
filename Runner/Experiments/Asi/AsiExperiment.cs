using System.Collections.Concurrent;
using System.Diagnostics;
using RlFramework.Agents.Trainers.Asi;
using RlFramework.Models;

namespace RlFramework.Runner.Experiments.Asi;

/// <summary>
/// Trains every method of <see cref="AsiExperimentSettings.Methods"/> on each task's training set, from each of
/// <see cref="AsiExperimentSettings.Seeds"/> model seeds, and evaluates the validation label accuracy at the checkpoints. Runs go <see cref="AsiExperimentSettings.Parallelism"/> at a time with one GEMM thread
/// each, so the results do not depend on the schedule (same seed → same curves).
/// </summary>
internal static class AsiExperiment
{
    /// <summary>Validation clips drawn in each rollout picture.</summary>
    private const int RolloutClips = 2;

    /// <summary>Runs all methods on all tasks from every seed (in that order); <paramref name="progress"/> receives one line per evaluation (from any thread).</summary>
    public static IReadOnlyList<AsiRunResult> Run(IReadOnlyList<AsiTaskData> tasks, AsiExperimentSettings settings, Action<string> progress)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        settings.Validate();
        var runs = tasks.SelectMany(t => settings.Methods.SelectMany(m => settings.ModelSeeds().Select(seed => (Data: t, Method: m, Seed: seed)))).ToArray();
        var results = new AsiRunResult[runs.Length];
        // Each worker takes the next run in order (no range chunks), so the long Funnel Board runs spread over the workers;
        // the runs are the parallelism, so each one's matrix products keep to its own thread.
        var order = Partitioner.Create(Enumerable.Range(0, runs.Length), EnumerablePartitionerOptions.NoBuffering);
        Parallel.ForEach(order, new ParallelOptions { MaxDegreeOfParallelism = settings.Parallelism }, i =>
        {
            using var budget = torch.thread_budget(1);
            results[i] = RunOne(runs[i].Data, runs[i].Method, runs[i].Seed, settings, progress);
        });
        return results;
    }

    /// <summary>Trains one method on one task from the model seed <paramref name="seed"/> and evaluates it at the checkpoints.</summary>
    public static AsiRunResult RunOne(AsiTaskData data, AsiMethod method, int seed, AsiExperimentSettings settings, Action<string> progress)
    {
        var clock = Stopwatch.StartNew();
        var trainer = new AsiTrainer(method.Configure(data.Task.Configure(settings.Config)), seed);
        string run = settings.Seeds > 1 ? $"{method.Name} s{seed}" : method.Name;
        var curve = new List<AsiCurvePoint>();
        double lossSum = 0;
        int lossCount = 0;
        foreach (long checkpoint in settings.CheckpointEvaluations())
        {
            while (trainer.ModelEvaluations < checkpoint)
            {
                lossSum += trainer.TrainStep(data.Training);
                lossCount++;
            }
            var evaluation = trainer.Evaluate(data.Validation, data.Task.Classifier);
            if (settings.RolloutFolder is string folder)
                AsiRolloutStrip.Save(trainer, [.. data.Validation.Take(RolloutClips)], Path.Combine(folder, settings.Seeds > 1 ? $"{data.Task.Name}-{method.Key}-seed{seed}-step{trainer.Step:D6}.png" : $"{data.Task.Name}-{method.Key}-step{trainer.Step:D6}.png"));
            curve.Add(new AsiCurvePoint(trainer.Step, trainer.ModelEvaluations, evaluation, lossSum / Math.Max(1, lossCount)));
            progress($"{data.Task.Name,-6} {run,-20} step {trainer.Step,6}  model evaluations {trainer.ModelEvaluations,9:N0}  loss {lossSum / Math.Max(1, lossCount):F4}  accuracy {evaluation.Accuracy:P1}  {data.Task.ObjectName} kept {evaluation.ObjectFrames:F1} of {evaluation.RolloutSteps:F1} frames  ({clock.Elapsed.TotalSeconds:F0} s)");
            (lossSum, lossCount) = (0, 0);
            if (method.Configure(settings.Config).FixedSkip is null) progress($"{data.Task.Name,-6} {run,-20} {MatchedSkips(trainer.TakeMatchedSkips())}");
        }
        return new AsiRunResult(data.Task.Name, method.Name, seed, curve, clock.Elapsed.TotalSeconds);
    }

    /// <summary>The skips the matching chose since the previous evaluation: their number, mean and the commonest three with their shares.</summary>
    internal static string MatchedSkips(long[] counts)
    {
        long total = counts.Sum();
        if (total == 0) return "matched skips: none (exploration only)";
        double mean = counts.Select((c, skip) => (double)c * skip).Sum() / total;
        var top = counts.Select((c, skip) => (c, skip)).Where(x => x.c > 0).OrderByDescending(x => x.c).ThenBy(x => x.skip).Take(3);
        return $"matched skips: {total:N0}, mean {mean:F1}, commonest {string.Join(", ", top.Select(x => $"Δt={x.skip} {(double)x.c / total:P0}"))}";
    }
}
