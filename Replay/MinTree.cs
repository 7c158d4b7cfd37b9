namespace RlFramework.Replay;

/// <summary>A segment tree that keeps the minimum of its leaves (unset leaves are +infinity): O(log n) update, O(1) minimum.</summary>
public sealed class MinTree
{
    private readonly double[] _nodes;
    private readonly int _leaves;

    /// <summary>Creates a tree with <paramref name="capacity"/> leaves, all +infinity.</summary>
    public MinTree(int capacity)
    {
        Guard.Positive(capacity, nameof(capacity));
        Capacity = capacity;
        _leaves = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)capacity);
        _nodes = new double[2 * _leaves];
        Clear();
    }

    /// <summary>Number of leaves.</summary>
    public int Capacity { get; }

    /// <summary>Minimum over all leaves (+infinity when none is set).</summary>
    public double Min => _nodes[1];

    /// <summary>Gets or sets leaf <paramref name="index"/>; values must not be NaN.</summary>
    public double this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Capacity)
            {
                throw new ArgumentOutOfRangeException(nameof(index), index, $"Expected a leaf index in [0, {Capacity}).");
            }

            return _nodes[_leaves + index];
        }

        set
        {
            if ((uint)index >= (uint)Capacity)
            {
                throw new ArgumentOutOfRangeException(nameof(index), index, $"Expected a leaf index in [0, {Capacity}).");
            }

            if (double.IsNaN(value))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, $"Leaf {index}: expected a number, not NaN.");
            }

            int i = _leaves + index;
            _nodes[i] = value;
            for (i >>= 1; i >= 1; i >>= 1)
            {
                _nodes[i] = Math.Min(_nodes[2 * i], _nodes[2 * i + 1]);
            }
        }
    }

    /// <summary>Resets every leaf to +infinity.</summary>
    public void Clear() => Array.Fill(_nodes, double.PositiveInfinity);
}
