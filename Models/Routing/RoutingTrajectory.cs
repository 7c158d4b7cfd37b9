namespace RlFramework.Models.Routing;

/// <summary>
/// The routes a batch took: for each sample and depth the action chosen (−1 after the route terminated), whether it
/// was exploratory, and the number of decisions (the trajectory length t).
/// </summary>
public sealed class RoutingTrajectory
{
    private readonly int[] _actions;
    private readonly bool[] _exploratory;
    private readonly int[] _lengths;
    private readonly int[] _tasks;

    /// <summary>Builds the trajectories of <paramref name="tasks"/>.Length samples from the decisions of each depth.</summary>
    public RoutingTrajectory(ReadOnlySpan<int> tasks, int depth, IReadOnlyList<RouterDecisions> decisions)
    {
        ArgumentNullException.ThrowIfNull(decisions);
        if (depth <= 0) throw new ArgumentOutOfRangeException(nameof(depth), depth, "A trajectory needs at least one depth.");
        (Depth, _tasks) = (depth, tasks.ToArray());
        int batch = tasks.Length;
        _actions = new int[batch * depth];
        Array.Fill(_actions, -1);
        _exploratory = new bool[batch * depth];
        _lengths = new int[batch];
        foreach (var step in decisions)
        {
            for (int k = 0; k < step.Rows.Length; k++)
            {
                int i = step.Rows[k];
                _actions[i * depth + step.Depth] = step.Actions[k];
                _exploratory[i * depth + step.Depth] = step.Exploratory[k];
                _lengths[i]++;
            }
        }
    }

    /// <summary>The number of samples.</summary>
    public int Count => _lengths.Length;
    /// <summary>The number of routed depths.</summary>
    public int Depth { get; }
    /// <summary>The action of <paramref name="sample"/> at <paramref name="depth"/>, −1 if the route had ended.</summary>
    public int Action(int sample, int depth) => _actions[sample * Depth + depth];
    /// <summary>Whether the action of <paramref name="sample"/> at <paramref name="depth"/> was exploratory.</summary>
    public bool IsExploratory(int sample, int depth) => _exploratory[sample * Depth + depth];
    /// <summary>The number of decisions of <paramref name="sample"/> (its trajectory length t).</summary>
    public int Length(int sample) => _lengths[sample];
    /// <summary>The task id of <paramref name="sample"/>.</summary>
    public int Task(int sample) => _tasks[sample];
    /// <summary>The number of exploratory decisions of <paramref name="sample"/>.</summary>
    public int ExploratoryCount(int sample)
    {
        int count = 0;
        for (int d = 0; d < Depth; d++) if (_exploratory[sample * Depth + d]) count++;
        return count;
    }
    /// <summary>The route of <paramref name="sample"/>: its actions, depth by depth, up to its length.</summary>
    public int[] Route(int sample) => _actions.AsSpan(sample * Depth, _lengths[sample]).ToArray();
}
