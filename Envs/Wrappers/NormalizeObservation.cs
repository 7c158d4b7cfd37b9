using RlFramework.Envs.Spaces;

namespace RlFramework.Envs.Wrappers;

/// <summary>
/// Normalises each observation element by a running mean and variance: (x − mean) / sqrt(var + epsilon), as
/// Gymnasium's <c>NormalizeObservation</c> (statistics start at mean 0, variance 1, count 1e-4). Set
/// <see cref="UpdateRunningMean"/> to false to freeze the statistics (e.g. for evaluation).
/// The output array is reused by every Reset and Step.
/// </summary>
/// <typeparam name="TAct">The action type.</typeparam>
public sealed class NormalizeObservation<TAct> : ObservationWrapper<float[], TAct, float[]> where TAct : notnull
{
    private readonly double[] _mean, _variance;
    private readonly float[] _output;
    private readonly double _epsilon;
    private double _count = 1e-4;

    /// <summary>Wraps <paramref name="env"/>; <paramref name="epsilon"/> keeps the denominator away from zero.</summary>
    public NormalizeObservation(IEnv<float[], TAct> env, double epsilon = 1e-8) : base(env)
    {
        if (env.ObservationSpace is not Box<float> box)
            throw new ArgumentException($"NormalizeObservation needs a Box<float> observation space; {env} has {env.ObservationSpace}.", nameof(env));
        if (!(epsilon >= 0)) throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "epsilon must be non-negative.");
        _epsilon = epsilon;
        _mean = new double[box.Size];
        _variance = new double[box.Size];
        Array.Fill(_variance, 1.0);
        _output = new float[box.Size];
        ObservationSpace = new Box<float>(float.NegativeInfinity, float.PositiveInfinity, [.. box.Shape]);
    }

    /// <summary>Whether observations update the running statistics (true by default).</summary>
    public bool UpdateRunningMean { get; set; } = true;

    /// <summary>The running mean per element.</summary>
    public IReadOnlyList<double> Mean => _mean;

    /// <summary>The running variance per element.</summary>
    public IReadOnlyList<double> Variance => _variance;

    /// <summary>The (fractional) number of observations the statistics stand for.</summary>
    public double Count => _count;

    /// <inheritdoc/>
    public override Box<float> ObservationSpace { get; }

    /// <inheritdoc/>
    protected override float[] Observation(float[] observation)
    {
        if (UpdateRunningMean) Update(observation);
        for (int i = 0; i < _output.Length; i++)
            _output[i] = (float)((observation[i] - _mean[i]) / Math.Sqrt(_variance[i] + _epsilon));
        return _output;
    }

    private void Update(float[] observation)
    {
        // Parallel-moments update with a batch of one observation (batch variance 0, batch count 1).
        double total = _count + 1;
        for (int i = 0; i < _mean.Length; i++)
        {
            double delta = observation[i] - _mean[i];
            _mean[i] += delta / total;
            _variance[i] = (_variance[i] * _count + delta * delta * _count / total) / total;
        }
        _count = total;
    }

    /// <inheritdoc/>
    protected override void OnSaveState(EnvSnapshot snapshot)
    {
        snapshot.Set("count", _count);
        for (int i = 0; i < _mean.Length; i++)
        {
            snapshot.Set($"mean/{i}", _mean[i]);
            snapshot.Set($"variance/{i}", _variance[i]);
        }
    }

    /// <inheritdoc/>
    protected override void OnLoadState(EnvSnapshot snapshot)
    {
        _count = snapshot.GetDouble("count");
        for (int i = 0; i < _mean.Length; i++)
        {
            _mean[i] = snapshot.GetDouble($"mean/{i}");
            _variance[i] = snapshot.GetDouble($"variance/{i}");
        }
    }
}
