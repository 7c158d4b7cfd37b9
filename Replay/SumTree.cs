namespace RlFramework.Replay;

/// <summary>
/// A segment tree of non-negative leaf values that keeps their sum: O(log n) update, O(1) total,
/// and O(log n) search for the leaf where a prefix sum is reached (proportional sampling).
/// </summary>
public sealed class SumTree
{
    private readonly double[] _nodes;
    private readonly int _leaves;

    /// <summary>Creates a tree with <paramref name="capacity"/> leaves, all zero.</summary>
    public SumTree(int capacity)
    {
        Guard.Positive(capacity, nameof(capacity));
        Capacity = capacity;
        _leaves = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)capacity);
        _nodes = new double[2 * _leaves];
    }

    /// <summary>Number of leaves.</summary>
    public int Capacity { get; }

    /// <summary>Sum of all leaves.</summary>
    public double Total => _nodes[1];

    /// <summary>Gets or sets leaf <paramref name="index"/>; values must be finite and non-negative.</summary>
    public double this[int index]
    {
        get => _nodes[_leaves + CheckIndex(index)];
        set
        {
            CheckIndex(index);
            if (!(value >= 0) || double.IsInfinity(value))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, $"Leaf {index}: expected a finite value >= 0.");
            }

            int i = _leaves + index;
            _nodes[i] = value;
            for (i >>= 1; i >= 1; i >>= 1)
            {
                _nodes[i] = _nodes[2 * i] + _nodes[2 * i + 1];
            }
        }
    }

    /// <summary>
    /// The leaf i where the running sum of leaves 0..i first exceeds <paramref name="prefixSum"/> (given in [0, Total));
    /// leaves of value zero are never returned while the total is positive.
    /// </summary>
    public int FindPrefixSum(double prefixSum)
    {
        if (!(Total > 0))
        {
            throw new InvalidOperationException("Cannot search a sum tree whose total is zero.");
        }

        if (!(prefixSum >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(prefixSum), prefixSum, "Expected a prefix sum >= 0.");
        }

        int i = 1;
        while (i < _leaves)
        {
            double left = _nodes[2 * i];
            if (prefixSum < left || _nodes[2 * i + 1] <= 0)
            {
                i = 2 * i;
            }
            else
            {
                prefixSum -= left;
                i = 2 * i + 1;
            }
        }

        return i - _leaves;
    }

    /// <summary>Sum of leaves [0, <paramref name="index"/>) in O(log n).</summary>
    public double PrefixSumBefore(int index)
    {
        if ((uint)index > (uint)Capacity)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"Expected an index in [0, {Capacity}].");
        }

        if (index == Capacity)
        {
            return Total;
        }

        double sum = 0;
        for (int i = _leaves + index; i > 1; i >>= 1)
        {
            if ((i & 1) == 1)
            {
                sum += _nodes[i - 1];
            }
        }

        return sum;
    }

    /// <summary>Sets every leaf to zero.</summary>
    public void Clear() => Array.Clear(_nodes);

    private int CheckIndex(int index)
    {
        if ((uint)index >= (uint)Capacity)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"Expected a leaf index in [0, {Capacity}).");
        }

        return index;
    }
}
