using System.Globalization;

namespace RlFramework.Agents.Ppo;

/// <summary>
/// A running mean and variance of vectors, merged batch by batch in float64 as Gymnasium's RunningMeanStd (the count
/// starts at 1e-4, the mean at 0, the variance at 1).
/// </summary>
internal sealed class RunningMeanStd(int size)
{
    private readonly double[] _mean = new double[size], _var = Enumerable.Repeat(1.0, size).ToArray(), _batchMean = new double[size], _batchVar = new double[size];
    private double _count = 1e-4;

    /// <summary>The running mean, per element.</summary>
    public ReadOnlySpan<double> Mean => _mean;

    /// <summary>The running (population) variance, per element.</summary>
    public ReadOnlySpan<double> Var => _var;

    /// <summary>Merges the rows of <paramref name="batch"/> (row-major, <c>size</c> values each).</summary>
    public void Update(ReadOnlySpan<float> batch)
    {
        int rows = batch.Length / _mean.Length;
        Array.Clear(_batchMean);
        Array.Clear(_batchVar);
        for (int r = 0; r < rows; r++)
            for (int i = 0; i < _mean.Length; i++) _batchMean[i] += batch[r * _mean.Length + i];
        for (int i = 0; i < _mean.Length; i++) _batchMean[i] /= rows;
        for (int r = 0; r < rows; r++)
        {
            for (int i = 0; i < _mean.Length; i++)
            {
                double d = batch[r * _mean.Length + i] - _batchMean[i];
                _batchVar[i] += d * d;
            }
        }

        double total = _count + rows;
        for (int i = 0; i < _mean.Length; i++)
        {
            double delta = _batchMean[i] - _mean[i];
            double m2 = _var[i] * _count + _batchVar[i] + delta * delta * _count * rows / total;
            _mean[i] += delta * rows / total;
            _var[i] = m2 / total;
        }
        _count = total;
    }

    /// <summary>The state as metadata entries under <paramref name="prefix"/> (exact round trip).</summary>
    public IEnumerable<KeyValuePair<string, string>> Save(string prefix) =>
    [
        new(prefix + "count", _count.ToString("R", CultureInfo.InvariantCulture)),
        new(prefix + "mean", string.Join(' ', _mean.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))),
        new(prefix + "var", string.Join(' ', _var.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))),
    ];

    /// <summary>Restores the state <see cref="Save"/> wrote under <paramref name="prefix"/>.</summary>
    /// <exception cref="InvalidDataException">The entries are missing or of another length.</exception>
    public void Load(IReadOnlyDictionary<string, string> metadata, string prefix)
    {
        static double[] Parse(string text) => text.Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        if (!metadata.TryGetValue(prefix + "count", out var count) || !metadata.TryGetValue(prefix + "mean", out var mean) || !metadata.TryGetValue(prefix + "var", out var variance))
            throw new InvalidDataException($"The checkpoint lacks the running statistics {prefix}count/mean/var.");
        var (means, vars) = (Parse(mean), Parse(variance));
        if (means.Length != _mean.Length || vars.Length != _var.Length)
            throw new InvalidDataException($"The checkpoint's running statistics {prefix}mean hold {means.Length} values; this agent needs {_mean.Length}.");
        _count = double.Parse(count, CultureInfo.InvariantCulture);
        means.CopyTo(_mean, 0);
        vars.CopyTo(_var, 0);
    }
}
