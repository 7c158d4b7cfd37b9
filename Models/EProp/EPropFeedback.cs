using System.Numerics.Tensors;
using RlFramework.Models.Modules;

namespace RlFramework.Models.EProp;

/// <summary>
/// The learning signals of e-prop for a linear readout y = W_out h + b: L[n, j] = Σ_k error[n, k] B[k, j], where B
/// is W_out (symmetric e-prop, read at every call so it follows training) or a fixed random matrix of W_out's shape
/// drawn from U(-1/√H, 1/√H) like the readout's own init (random e-prop).
/// </summary>
public sealed class EPropFeedback
{
    private readonly Linear _readout;
    private readonly float[]? _random;

    /// <summary>Creates the feedback for <paramref name="readout"/>; <paramref name="generator"/> draws the random matrix.</summary>
    public EPropFeedback(Linear readout, LearningSignalFeedback kind, Generator? generator = null)
    {
        _readout = readout ?? throw new ArgumentNullException(nameof(readout));
        Kind = kind;
        if (kind == LearningSignalFeedback.Random)
        {
            var g = generator ?? torch.default_generator;
            double bound = 1.0 / Math.Sqrt(readout.in_features);
            _random = new float[readout.out_features * readout.in_features];
            g.FillUniform(_random, -bound, bound);
        }
        else if (kind != LearningSignalFeedback.Symmetric)
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Expected Symmetric or Random feedback.");
        }
    }

    /// <summary>The kind of feedback.</summary>
    public LearningSignalFeedback Kind { get; }

    /// <summary>The feedback matrix B, [outputs, hidden] (W_out itself for symmetric feedback).</summary>
    public ReadOnlySpan<float> Matrix => _random ?? _readout.weight.Span;

    /// <summary>L = error · B for a batch: <paramref name="error"/> is [B, outputs], <paramref name="signal"/> receives [B, hidden].</summary>
    public void LearningSignal(ReadOnlySpan<float> error, Span<float> signal)
    {
        int k = _readout.out_features, h = _readout.in_features;
        if (error.Length % k != 0 || signal.Length != error.Length / k * h)
            throw new ArgumentException($"e-prop feedback maps [batch, {k}] errors to [batch, {h}] signals; got {error.Length} error and {signal.Length} signal values.");
        var b = Matrix;
        signal.Clear();
        for (int n = 0; n < error.Length / k; n++)
        {
            var row = signal.Slice(n * h, h);
            for (int a = 0; a < k; a++)
            {
                float e = error[n * k + a];
                if (e != 0) TensorPrimitives.MultiplyAdd(b.Slice(a * h, h), e, row, row);
            }
        }
    }
}
