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

    /// <summary>
    /// The default episode budget of a run in <paramref name="envId"/>, the 200 random episodes included: 3,000 on
    /// flickering CartPole (the budget of the issue; with burn-in 5, BPTT seeds solved between episodes 1,796 and 2,344;
    /// most of the first 1,500 episodes last 10–20 steps), 800 elsewhere.
    /// </summary>
    public static int DefaultEpisodes(string envId) => IsFlickering(envId) ? 3_000 : 800;

    /// <summary>
    /// The default burn-in of a run in <paramref name="envId"/> (<see cref="DrqnConfig.BurnIn"/>): 5 on flickering
    /// CartPole, where a window's first steps need the history before it (with it BPTT solved 4 of 5 seeds, without it
    /// 3 of 5 within 3,000 episodes), 0 on CartPole-v0, whose observations are the whole state (seeds 0–4 within 800
    /// episodes: BPTT 5/5 and e-prop 4/5 without burn-in, 0/5 and 0/5 with 5 steps).
    /// </summary>
    public static int DefaultBurnIn(string envId) => IsFlickering(envId) ? 5 : 0;

    private static bool IsFlickering(string envId) => envId.StartsWith("Flickering", StringComparison.Ordinal);

    /// <summary>Keys of the variants for <see cref="Variants"/>' selection: BPTT, plain e-prop, trace-scaled e-prop.</summary>
    public static IReadOnlyList<string> VariantKeys { get; } = ["bptt", "eprop", "eprop-scaled"];

    /// <summary>
    /// The variants of <paramref name="baseConfig"/> (its learner and trace scaling replaced), all three or those whose
    /// keys (<see cref="VariantKeys"/>) are in <paramref name="only"/>; <paramref name="traceScaling"/> is κ of the scaled one.
    /// </summary>
    public static IReadOnlyList<(string Name, DrqnConfig Config)> Variants(DrqnConfig baseConfig, double traceScaling, IReadOnlyCollection<string>? only = null)
    {
        ArgumentNullException.ThrowIfNull(baseConfig);
        var scaled = baseConfig with { Learner = DrqnLearnerKind.EProp, TraceScaling = traceScaling };
        scaled.Validate();
        if (only?.FirstOrDefault(k => !VariantKeys.Contains(k)) is { } unknown)
            throw new ArgumentException($"Unknown variant '{unknown}': expected {string.Join(", ", VariantKeys)}.");
        (string Key, string Name, DrqnConfig Config)[] all =
        [
            ("bptt", "bptt", baseConfig with { Learner = DrqnLearnerKind.Bptt, TraceScaling = 1 }),
            ("eprop", "eprop", baseConfig with { Learner = DrqnLearnerKind.EProp, TraceScaling = 1 }),
            ("eprop-scaled", $"eprop κ={traceScaling:G3}", scaled),
        ];
        return [.. all.Where(v => only is null || only.Contains(v.Key)).Select(v => (v.Name, v.Config))];
    }

    /// <summary>
    /// Runs every variant × env × seed (seeds firstSeed .. firstSeed + seeds - 1) with <paramref name="parallelism"/> runs
    /// at a time, <paramref name="episodeBudget"/> episodes per run in each env; <paramref name="finished"/> hears each result.
    /// </summary>
    public static IReadOnlyList<DrqnTrialResult> Run(IReadOnlyList<(string Name, DrqnConfig Config)> variants, IReadOnlyList<string> envs, int seeds,
        Func<string, int> episodeBudget, int parallelism, Action<DrqnTrialResult>? finished = null, int firstSeed = 0, CancellationToken cancellation = default)
    {
        if (parallelism <= 0) throw new ArgumentOutOfRangeException(nameof(parallelism), parallelism, "The number of parallel runs must be positive.");
        return new InProcessRuns(parallelism, cancellation).Run(EPropDrqnRun.Instance, Inputs(variants, envs, seeds, episodeBudget, firstSeed), finished);
    }

    /// <summary>
    /// The runs of every variant × env × seed (seeds firstSeed .. firstSeed + seeds - 1), env by env, then variant by
    /// variant, then seed by seed; with <paramref name="burnIn"/>, each env's runs take its burn-in instead of the variant's.
    /// </summary>
    public static IReadOnlyList<EPropDrqnRun.Input> Inputs(IReadOnlyList<(string Name, DrqnConfig Config)> variants, IReadOnlyList<string> envs, int seeds,
        Func<string, int> episodeBudget, int firstSeed = 0, Func<string, int>? burnIn = null)
    {
        ArgumentNullException.ThrowIfNull(variants);
        ArgumentNullException.ThrowIfNull(envs);
        ArgumentNullException.ThrowIfNull(episodeBudget);
        if (seeds <= 0) throw new ArgumentOutOfRangeException(nameof(seeds), seeds, "The number of seeds must be positive.");
        if (firstSeed < 0) throw new ArgumentOutOfRangeException(nameof(firstSeed), firstSeed, "The first seed must be non-negative.");
        return [.. from env in envs from variant in variants from seed in Enumerable.Range(firstSeed, seeds)
                   select new EPropDrqnRun.Input(variant.Name, ConfigIn(variant.Config, env, burnIn).ToJson(), env, seed, episodeBudget(env))];
    }

    private static DrqnConfig ConfigIn(DrqnConfig config, string envId, Func<string, int>? burnIn) =>
        burnIn is null ? config : config with { BurnIn = burnIn(envId) };

    /// <summary>
    /// Episodes to solve of <paramref name="runs"/> for a rank test: a run that did not solve counts as one episode past
    /// its budget (slower than any run that solved).
    /// </summary>
    public static IReadOnlyList<double> EpisodesToSolveOrCensored(IEnumerable<DrqnTrialResult> runs) =>
        [.. runs.Select(r => (double)(r.EpisodesToSolve ?? r.Episodes + 1))];
}
