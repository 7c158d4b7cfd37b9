namespace RlFramework.Runner.Experiments.Routing;

/// <summary>The tables of <c>rl reproduce routing</c> (null where a table was not run) and each table's wall time.</summary>
/// <param name="Collapse">Table 1.</param>
/// <param name="Classification">Table 2.</param>
/// <param name="MultiTaskRl">Table 3: every task family.</param>
/// <param name="Ablations">Table 4: the Q-learning router on the classification benchmark with one training choice changed at a time.</param>
/// <param name="WallTimes">Seconds per table, in run order.</param>
public sealed record RoutingReport(IReadOnlyList<CollapseRow>? Collapse, IReadOnlyList<ClassificationRow>? Classification, IReadOnlyList<MultiTaskRlRow>? MultiTaskRl,
    IReadOnlyList<ClassificationRow>? Ablations, IReadOnlyList<(string Name, double Seconds)> WallTimes);
