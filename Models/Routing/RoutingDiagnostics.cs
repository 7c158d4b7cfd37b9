namespace RlFramework.Models.Routing;

/// <summary>Per routed depth: module-usage histogram per task, selection entropy and collapse flag over a dataset's routes.</summary>
public static class RoutingDiagnostics
{
    /// <summary>Counts the routes of <paramref name="trajectories"/> (e.g. greedy routes of a whole dataset).</summary>
    /// <param name="trajectories">The routes.</param>
    /// <param name="actions">Actions per decision.</param>
    /// <param name="tasks">The number of task ids.</param>
    /// <param name="collapseShare">The top share from which a depth counts as collapsed.</param>
    public static LayerDiagnostics[] Compute(IEnumerable<RoutingTrajectory> trajectories, int actions, int tasks, double collapseShare)
    {
        ArgumentNullException.ThrowIfNull(trajectories);
        if (actions <= 0) throw new ArgumentOutOfRangeException(nameof(actions), actions, "Routes have at least one action.");
        if (tasks <= 0) throw new ArgumentOutOfRangeException(nameof(tasks), tasks, "Routes have at least one task.");
        long[][][]? usage = null;
        foreach (var trajectory in trajectories)
        {
            usage ??= Enumerable.Range(0, trajectory.Depth).Select(_ => Enumerable.Range(0, tasks).Select(_ => new long[actions]).ToArray()).ToArray();
            if (trajectory.Depth != usage.Length) throw new ArgumentException($"Trajectories of depth {trajectory.Depth} and {usage.Length} cannot be combined.", nameof(trajectories));
            for (int i = 0; i < trajectory.Count; i++)
            {
                int task = trajectory.Task(i);
                if ((uint)task >= (uint)tasks) throw new ArgumentOutOfRangeException(nameof(tasks), task, $"Task ids must be 0..{tasks - 1}.");
                for (int d = 0; d < trajectory.Depth; d++)
                    if (trajectory.Action(i, d) is int a and >= 0) usage[d][task][a]++;
            }
        }
        if (usage is null) return [];
        return usage.Select((perTask, d) =>
        {
            var totals = new long[actions];
            foreach (var row in perTask) for (int a = 0; a < actions; a++) totals[a] += row[a];
            long all = totals.Sum();
            double entropy = 0, top = 0;
            foreach (long c in totals)
            {
                if (c == 0) continue;
                double p = (double)c / all;
                entropy -= p * Math.Log2(p);
                top = Math.Max(top, p);
            }
            return new LayerDiagnostics(d, perTask, entropy, top, all > 0 && top >= collapseShare);
        }).ToArray();
    }
}
