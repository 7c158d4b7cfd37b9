using RlFramework.Envs.Seeding;
using RlFramework.Models;
using RlFramework.Models.Modules;

namespace RlFramework.Agents.Ppo;

/// <summary>
/// A diagonal Gaussian whose mean is the actor's output and whose log standard deviation is a parameter of its own,
/// the same for every state (CleanRL's <c>actor_logstd</c>, initialised to 0). Log-probability and entropy are summed
/// over the action's dimensions, as torch's <c>Normal(...).log_prob(a).sum(1)</c> and <c>entropy().sum(1)</c>.
/// </summary>
internal sealed class GaussianHead : PpoHead
{
    private static readonly double HalfLog2Pi = 0.5 * Math.Log(2 * Math.PI);
    private readonly int _size;
    private readonly Parameter _logStd;
    private readonly float[] _logStdGradient;

    /// <summary>A Gaussian over <paramref name="size"/> dimensions with log-std 0.</summary>
    public GaussianHead(int size)
    {
        _size = size;
        _logStd = torch.nn.Parameter(torch.zeros(1, size));
        _logStdGradient = new float[size];
    }

    /// <summary>The log standard deviation parameter, shape [1, size].</summary>
    public Parameter LogStd => _logStd;

    /// <inheritdoc/>
    public override int OutputSize => _size;

    /// <inheritdoc/>
    public override int ActionSize => _size;

    /// <inheritdoc/>
    public override IReadOnlyList<(string Name, Parameter Parameter)> Parameters => [("actor_logstd", _logStd)];

    /// <inheritdoc/>
    public override float Sample(ReadOnlySpan<float> output, Span<float> action, RandomGenerator random)
    {
        var logStd = _logStd.data<float>();
        for (int d = 0; d < _size; d++) action[d] = (float)(output[d] + Math.Exp(logStd[d]) * random.Normal());
        return Evaluate(output, action).LogProb;
    }

    /// <inheritdoc/>
    public override void Greedy(ReadOnlySpan<float> output, Span<float> action) => output[.._size].CopyTo(action);

    /// <inheritdoc/>
    public override (float LogProb, float Entropy) Evaluate(ReadOnlySpan<float> output, ReadOnlySpan<float> action)
    {
        var logStd = _logStd.data<float>();
        double logProb = 0, entropy = 0;
        for (int d = 0; d < _size; d++)
        {
            double s = logStd[d], z = (action[d] - output[d]) / Math.Exp(s);
            logProb += -0.5 * z * z - s - HalfLog2Pi;
            entropy += 0.5 + HalfLog2Pi + s;
        }
        return ((float)logProb, (float)entropy);
    }

    /// <inheritdoc/>
    public override void Backward(ReadOnlySpan<float> output, ReadOnlySpan<float> action, float gLogProb, float gEntropy, Span<float> outputGradient)
    {
        var logStd = _logStd.data<float>();
        for (int d = 0; d < _size; d++)
        {
            double s = logStd[d], variance = Math.Exp(2 * s), diff = action[d] - output[d];
            outputGradient[d] += (float)(gLogProb * diff / variance);                              // ∂log p/∂μ = (a − μ)/σ²
            _logStdGradient[d] += (float)(gLogProb * (diff * diff / variance - 1) + gEntropy);  // ∂log p/∂s = (a − μ)²/σ² − 1; ∂H/∂s = 1
        }
    }

    /// <inheritdoc/>
    public override void TakeGradients()
    {
        using var scope = torch.NewDisposeScope();
        _logStd.backward(torch.tensor(_logStdGradient, 1, _size));
        Array.Clear(_logStdGradient);
    }
}
