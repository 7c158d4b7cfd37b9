namespace RlFramework.Envs.Spaces;

/// <summary>A vector of independent discrete values, element i in [start[i], start[i] + nvec[i]) (Gymnasium's <c>MultiDiscrete</c>).</summary>
public sealed class MultiDiscrete : Space<int[]>
{
    private readonly int[] _nvec, _start;

    /// <summary>Creates the space; <paramref name="start"/> defaults to zeros.</summary>
    public MultiDiscrete(int[] nvec, int[]? start = null)
    {
        ArgumentNullException.ThrowIfNull(nvec);
        for (int i = 0; i < nvec.Length; i++)
            if (nvec[i] <= 0) throw new ArgumentException($"MultiDiscrete nvec[{i}] = {nvec[i]}; every entry must be positive.", nameof(nvec));
        if (start is not null && start.Length != nvec.Length)
            throw new ArgumentException($"MultiDiscrete start has {start.Length} entries; nvec has {nvec.Length}.", nameof(start));
        _nvec = (int[])nvec.Clone();
        _start = start is null ? new int[nvec.Length] : (int[])start.Clone();
    }

    /// <summary>The number of values of each element.</summary>
    public ReadOnlySpan<int> Nvec => _nvec;

    /// <summary>The smallest value of each element.</summary>
    public ReadOnlySpan<int> Start => _start;

    /// <inheritdoc/>
    public override IReadOnlyList<int> Shape => [_nvec.Length];

    /// <inheritdoc/>
    public override string DType => "int64";

    /// <summary>A uniform element: per entry <c>floor(random() * nvec) + start</c>, as Gymnasium.</summary>
    public override int[] Sample()
    {
        var sample = new int[_nvec.Length];
        for (int i = 0; i < sample.Length; i++)
            sample[i] = (int)(Random.Random() * _nvec[i]) + _start[i];
        return sample;
    }

    /// <inheritdoc/>
    public override bool Contains(int[] value)
    {
        if (value is null || value.Length != _nvec.Length) return false;
        for (int i = 0; i < value.Length; i++)
            if (value[i] < _start[i] || value[i] - _start[i] >= _nvec[i]) return false;
        return true;
    }

    /// <summary>Gymnasium's form: <c>MultiDiscrete([3 2])</c>.</summary>
    public override string ToString() => $"MultiDiscrete([{string.Join(" ", _nvec)}])";
}
