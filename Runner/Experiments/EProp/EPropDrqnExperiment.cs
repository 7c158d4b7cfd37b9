using System.Collections.Concurrent;
using RlFramework.Agents.Drqn;

namespace RlFramework.Runner.Experiments.EProp;

/// <summary>
/// The e-prop DRQN reproduction (Hoyer et al. 2022): BPTT-DRQN, e-prop-DRQN and e-prop-DRQN with trace scaling, each on
/// CartPole-v0 and FlickeringCartPole-v0 for several seeds, the runs spread over the cores.
/// </summary>
public static class EPropDrqnExperiment
{
    /// <summary>The envs of the paper.</summary>
    public static IReadOnlyList<string> Envs { get; } = ["CartPole-v0", "FlickeringCartPole-v0"];

    /// <summary>The three variants of <paramref name="baseConfig"/> (its learner and trace scaling replaced); <paramref name="traceScaling"/> is κ of the scaled one.</summary>
    public static IReadOnlyList<(string Name, DrqnConfig Config)> Variants(DrqnConfig baseConfig, double traceScaling)
    {
        ArgumentNullException.ThrowIfNull(baseConfig);
        var scaled = baseConfig with { Learner = DrqnLearnerKind.EProp, TraceScaling = traceScaling };
        scaled.Validate();
        return
        [
            ("bptt", baseConfig with { Learner = DrqnLearnerKind.Bptt, TraceScaling = 1 }),
            ("eprop", baseConfig with { Learner = DrqnLearnerKind.EProp, TraceScaling = 1 }),
            ($"eprop κ={traceScaling:G3}", scaled),
        ];
    }

    /// <summary>Runs every variant × env × seed (seeds firstSeed .. firstSeed + seeds - 1) with <paramref name="parallelism"/> runs at a time; <paramref name="finished"/> hears each result.</summary>
    public static IReadOnlyList<DrqnTrialResult> Run(IReadOnlyList<(string Name, DrqnConfig Config)> variants, IReadOnlyList<string> envs, int seeds,
        int episodeBudget, int parallelism, Action<DrqnTrialResult>? finished = null, int firstSeed = 0, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(variants);
        ArgumentNullException.ThrowIfNull(envs);
        if (seeds <= 0) throw new ArgumentOutOfRangeException(nameof(seeds), seeds, "The number of seeds must be positive.");
        if (firstSeed < 0) throw new ArgumentOutOfRangeException(nameof(firstSeed), firstSeed, "The first seed must be non-negative.");
        if (parallelism <= 0) throw new ArgumentOutOfRangeException(nameof(parallelism), parallelism, "The number of parallel runs must be positive.");
        var jobs = (from env in envs from variant in variants from seed in Enumerable.Range(firstSeed, seeds) select (env, variant, seed)).ToList();
        var results = new ConcurrentBag<DrqnTrialResult>();
        Parallel.ForEach(jobs, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellation }, job =>
        {
            var result = DrqnTrial.Run(job.variant.Name, job.variant.Config, job.env, job.seed, episodeBudget);
            results.Add(result);
            finished?.Invoke(result);
        });
        return [.. results.OrderBy(r => envs.ToList().IndexOf(r.EnvId)).ThenBy(r => variants.Select(v => v.Name).ToList().IndexOf(r.Variant)).ThenBy(r => r.Seed)];
    }
}
