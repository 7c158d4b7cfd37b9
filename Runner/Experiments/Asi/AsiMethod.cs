using RlFramework.Agents.Asi;

namespace RlFramework.Runner.Experiments.Asi;

/// <summary>One of the compared training methods: a name and how it changes the base config.</summary>
internal sealed record AsiMethod(string Name, Func<AsiConfig, AsiConfig> Configure)
{
    /// <summary>ASI, ASI without exploration, fixed Δt = 1 and fixed Δt = 2, in the order of the tables.</summary>
    public static IReadOnlyList<AsiMethod> All { get; } =
    [
        new("ASI", c => c with { FixedSkip = null }),
        new("ASI w/o exploration", c => c with { FixedSkip = null, ExplorationSteps = 0 }),
        new("Δt=1", c => c with { FixedSkip = 1 }),
        new("Δt=2", c => c with { FixedSkip = 2 }),
    ];
}
