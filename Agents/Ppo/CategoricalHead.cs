using RlFramework.Envs.Seeding;

namespace RlFramework.Agents.Ppo;

/// <summary>A categorical distribution over <c>actionCount</c> actions from logits (torch's <c>Categorical(logits=...)</c>).</summary>
internal sealed class CategoricalHead(int actionCount) : PpoHead
{
    private readonly double[] _logProbs = new double[actionCount];

    /// <inheritdoc/>
    public override int OutputSize => actionCount;

    /// <inheritdoc/>
    public override int ActionSize => 1;

    /// <summary>log-softmax of the logits into <c>_logProbs</c>, in float64.</summary>
    private void LogSoftmax(ReadOnlySpan<float> logits)
    {
        double max = double.NegativeInfinity;
        foreach (float z in logits) max = Math.Max(max, z);
        double sum = 0;
        foreach (float z in logits) sum += Math.Exp(z - max);
        double logSum = max + Math.Log(sum);
        for (int a = 0; a < logits.Length; a++) _logProbs[a] = logits[a] - logSum;
    }

    /// <inheritdoc/>
    public override float Sample(ReadOnlySpan<float> output, Span<float> action, RandomGenerator random)
    {
        LogSoftmax(output);
        double u = random.Random(), cumulative = 0;
        int chosen = actionCount - 1;
        for (int a = 0; a < actionCount - 1; a++)
        {
            cumulative += Math.Exp(_logProbs[a]);
            if (u < cumulative)
            {
                chosen = a;
                break;
            }
        }
        action[0] = chosen;
        return (float)_logProbs[chosen];
    }

    /// <inheritdoc/>
    public override void Greedy(ReadOnlySpan<float> output, Span<float> action) => action[0] = QValues.ArgMax(output);

    /// <inheritdoc/>
    public override (float LogProb, float Entropy) Evaluate(ReadOnlySpan<float> output, ReadOnlySpan<float> action)
    {
        LogSoftmax(output);
        double entropy = 0;
        foreach (double logP in _logProbs) entropy -= Math.Exp(logP) * logP;
        return ((float)_logProbs[Index(action)], (float)entropy);
    }

    /// <inheritdoc/>
    public override void Backward(ReadOnlySpan<float> output, ReadOnlySpan<float> action, float gLogProb, float gEntropy, Span<float> outputGradient)
    {
        LogSoftmax(output);
        double entropy = 0;
        foreach (double logP in _logProbs) entropy -= Math.Exp(logP) * logP;
        int chosen = Index(action);
        for (int a = 0; a < actionCount; a++)
        {
            double p = Math.Exp(_logProbs[a]);
            // ∂log p_k/∂z_a = δ_ka − p_a;  ∂H/∂z_a = −p_a (log p_a + H)
            double g = gLogProb * ((a == chosen ? 1 : 0) - p) - gEntropy * p * (_logProbs[a] + entropy);
            outputGradient[a] += (float)g;
        }
    }

    private int Index(ReadOnlySpan<float> action)
    {
        int index = (int)action[0];
        return (uint)index < (uint)actionCount ? index
            : throw new ArgumentOutOfRangeException(nameof(action), action[0], $"A categorical action is an index below {actionCount}.");
    }
}
