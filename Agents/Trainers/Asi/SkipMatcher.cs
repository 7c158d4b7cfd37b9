using System.Buffers;
using System.Numerics.Tensors;

namespace RlFramework.Agents.Trainers.Asi;

/// <summary>
/// The ASI matching step: which ground-truth frame within the horizon a prediction explains best, by the pixel-wise
/// binary cross-entropy the model trains on (PyTorch's, logs clamped at -100, mean over pixels).
/// </summary>
public static class SkipMatcher
{
    /// <summary>
    /// Writes into <paramref name="losses"/>[k] the mean BCE of <paramref name="prediction"/> against frame
    /// <paramref name="first"/> + k of <paramref name="trajectory"/>, for frames <paramref name="first"/> … <paramref name="last"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The prediction's size, the frame range or the length of <paramref name="losses"/> does not fit.</exception>
    public static void CandidateLosses(ReadOnlySpan<float> prediction, AsiTrajectory trajectory, int first, int last, Span<double> losses)
    {
        ArgumentNullException.ThrowIfNull(trajectory);
        int n = trajectory.FrameSize;
        if (prediction.Length != n) throw new ArgumentException($"The prediction has {prediction.Length} values; expected one frame of {n}.", nameof(prediction));
        if (first < 0 || last < first || last >= trajectory.Length)
            throw new ArgumentException($"Candidate frames {first}..{last} are invalid for a trajectory of {trajectory.Length} frames.", nameof(first));
        if (losses.Length != last - first + 1) throw new ArgumentException($"{losses.Length} loss slots for {last - first + 1} candidate frames.", nameof(losses));
        // BCE(p, y) = -(y·(lp - l1p) + l1p) per pixel with lp = max(ln p, -100), l1p = max(ln(1-p), -100): linear in y,
        // so one pass over the prediction and then one dot product per candidate.
        var rented = ArrayPool<float>.Shared.Rent(n);
        var diff = rented.AsSpan(0, n);
        double sumLog1P = 0;
        for (int i = 0; i < n; i++)
        {
            float p = prediction[i];
            float lp = MathF.Max(MathF.Log(p), -100f), l1p = MathF.Max(MathF.Log(1f - p), -100f);
            diff[i] = lp - l1p;
            sumLog1P += l1p;
        }
        for (int t = first; t <= last; t++)
            losses[t - first] = -(TensorPrimitives.Dot(trajectory.Frame(t), diff) + sumLog1P) / n;
        ArrayPool<float>.Shared.Return(rented);
    }

    /// <summary>The frame in <paramref name="first"/> … <paramref name="last"/> with the smallest loss to the prediction (the earliest on ties).</summary>
    public static int BestFrame(ReadOnlySpan<float> prediction, AsiTrajectory trajectory, int first, int last)
    {
        if (last < first) throw new ArgumentException($"Candidate frames {first}..{last} are an empty range.", nameof(last));
        Span<double> losses = last - first + 1 <= 256 ? stackalloc double[last - first + 1] : new double[last - first + 1];
        CandidateLosses(prediction, trajectory, first, last, losses);
        int best = 0;
        for (int k = 1; k < losses.Length; k++)
            if (losses[k] < losses[best]) best = k;
        return first + best;
    }
}
