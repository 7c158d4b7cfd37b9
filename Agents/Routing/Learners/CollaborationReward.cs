using RlFramework.Models.Routing;

namespace RlFramework.Agents.Routing.Learners;

/// <summary>
/// The per-action regularisation ("collaboration") reward R(a) = (α / t)·C(a), where C(a) is the share of the last
/// <see cref="Window"/> decisions at the same depth that chose a and t the trajectory length. α &gt; 0 rewards reusing
/// popular modules (transfer), α &lt; 0 rewards rarely used ones (diversity).
/// </summary>
public sealed class CollaborationReward
{
    private readonly int[][] _recent, _counts;
    private readonly int[] _filled, _next;

    /// <summary>Creates empty windows for <paramref name="depth"/> depths of <paramref name="actions"/> actions.</summary>
    public CollaborationReward(int depth, int actions, int window, double alpha)
    {
        if (depth <= 0) throw new ArgumentOutOfRangeException(nameof(depth), depth, "The collaboration reward needs at least one depth.");
        if (actions <= 0) throw new ArgumentOutOfRangeException(nameof(actions), actions, "The collaboration reward needs at least one action.");
        if (window <= 0) throw new ArgumentOutOfRangeException(nameof(window), window, "The collaboration window must hold at least one decision.");
        if (alpha is < -1 or > 1) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "α must be in [−1, 1].");
        (Window, Alpha, Actions) = (window, alpha, actions);
        _recent = new int[depth][];
        _counts = new int[depth][];
        for (int d = 0; d < depth; d++) { _recent[d] = new int[window]; _counts[d] = new int[actions]; }
        _filled = new int[depth];
        _next = new int[depth];
    }

    /// <summary>The number of recent decisions counted per depth.</summary>
    public int Window { get; }
    /// <summary>The weight α.</summary>
    public double Alpha { get; }
    /// <summary>The number of actions.</summary>
    public int Actions { get; }

    /// <summary>C(a): the share of the window at <paramref name="depth"/> that chose <paramref name="action"/> (0 while empty).</summary>
    public double Share(int depth, int action) => _filled[depth] == 0 ? 0 : (double)_counts[depth][action] / _filled[depth];

    /// <summary>R(a) = (α / t)·C(a) for a decision in a trajectory of length <paramref name="length"/>.</summary>
    public float Reward(int depth, int action, int length)
    {
        if (length <= 0) throw new ArgumentOutOfRangeException(nameof(length), length, "A trajectory has at least one decision.");
        return (float)(Alpha / length * Share(depth, action));
    }

    /// <summary>Adds a decision to the window of <paramref name="depth"/>, dropping the oldest when full.</summary>
    public void Record(int depth, int action)
    {
        if ((uint)action >= (uint)Actions) throw new ArgumentOutOfRangeException(nameof(action), action, $"Actions are 0..{Actions - 1}.");
        if (_filled[depth] == Window) _counts[depth][_recent[depth][_next[depth]]]--;
        else _filled[depth]++;
        _recent[depth][_next[depth]] = action;
        _counts[depth][action]++;
        _next[depth] = (_next[depth] + 1) % Window;
    }

    /// <summary>The windows as numbers (per depth: filled, next slot, then the window's actions), for checkpoints.</summary>
    public float[] GetState() => _recent.SelectMany((recent, d) => new float[] { _filled[d], _next[d] }.Concat(recent.Select(a => (float)a))).ToArray();

    /// <summary>Restores windows written by <see cref="GetState"/>.</summary>
    public void SetState(ReadOnlySpan<float> state)
    {
        int stride = Window + 2;
        if (state.Length != _recent.Length * stride) throw new ArgumentException($"A collaboration state of {_recent.Length} depths × window {Window} has {_recent.Length * stride} values; got {state.Length}.", nameof(state));
        for (int d = 0; d < _recent.Length; d++)
        {
            var part = state.Slice(d * stride, stride);
            (_filled[d], _next[d]) = ((int)part[0], (int)part[1]);
            Array.Clear(_counts[d]);
            for (int k = 0; k < Window; k++)
            {
                _recent[d][k] = (int)part[2 + k];
                if (k < _filled[d]) _counts[d][_recent[d][k]]++;
            }
        }
    }

    /// <summary>The rewards of a batch's decisions (computed from the windows before the batch), then records the batch.</summary>
    public float[][] Rewards(IReadOnlyList<RouterDecisions> decisions, RoutingTrajectory trajectory)
    {
        ArgumentNullException.ThrowIfNull(decisions);
        ArgumentNullException.ThrowIfNull(trajectory);
        var rewards = new float[decisions.Count][];
        for (int d = 0; d < decisions.Count; d++)
        {
            var step = decisions[d];
            rewards[d] = new float[step.Rows.Length];
            if (Alpha != 0)
                for (int k = 0; k < step.Rows.Length; k++) rewards[d][k] = Reward(step.Depth, step.Actions[k], trajectory.Length(step.Rows[k]));
        }
        foreach (var step in decisions)
            foreach (int action in step.Actions) Record(step.Depth, action);
        return rewards;
    }
}
