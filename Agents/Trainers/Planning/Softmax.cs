namespace RlFramework.Agents.Trainers.Planning;

/// <summary>The numerically stable softmax shared by the world model's columns and the selector's cards.</summary>
internal static class Softmax
{
    /// <summary>Writes softmax(<paramref name="logits"/>) to <paramref name="probabilities"/>.</summary>
    public static void Apply(ReadOnlySpan<double> logits, Span<double> probabilities)
    {
        double max = double.NegativeInfinity;
        foreach (double l in logits) max = Math.Max(max, l);
        double sum = 0;
        for (int i = 0; i < logits.Length; i++) sum += probabilities[i] = Math.Exp(logits[i] - max);
        for (int i = 0; i < logits.Length; i++) probabilities[i] /= sum;
    }
}
