using RlFramework.Agents.Trainers.Asi;

namespace RlFramework.Runner.Experiments.Asi;

/// <summary>One of the compared training methods: its name on the command line, its name in tables and how it changes the base config.</summary>
internal sealed record AsiMethod(string Key, string Name, Func<AsiConfig, AsiConfig> Configure)
{
    /// <summary>ASI, ASI without exploration, fixed Δt = 1 and fixed Δt = 2, in the order of the tables.</summary>
    public static IReadOnlyList<AsiMethod> All { get; } =
    [
        new("asi", "ASI", c => c with { FixedSkip = null }),
        new("asi-no-exploration", "ASI w/o exploration", c => c with { FixedSkip = null, ExplorationSteps = 0 }),
        new("dt1", "Δt=1", c => c with { FixedSkip = 1 }),
        new("dt2", "Δt=2", c => c with { FixedSkip = 2 }),
    ];

    /// <summary>The methods named by <c>--methods</c>: a comma-separated list of keys (asi, asi-no-exploration, dt1, dt2) or "all", in the order of <see cref="All"/>.</summary>
    public static IReadOnlyList<AsiMethod> Parse(string names)
    {
        ArgumentNullException.ThrowIfNull(names);
        if (names.Trim() == "all") return All;
        var keys = names.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var unknown = keys.Where(k => All.All(m => m.Key != k)).ToArray();
        if (keys.Length == 0 || unknown.Length > 0)
            throw new ArgumentException($"--methods '{names}' is invalid: expected 'all' or a comma-separated list of {string.Join(", ", All.Select(m => m.Key))}.");
        return [.. All.Where(m => keys.Contains(m.Key))];
    }
}
