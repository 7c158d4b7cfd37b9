namespace RlFramework.Agents.Ppo;

/// <summary>
/// PPO's minibatch loss as CleanRL writes it, with its gradient by hand: the clipped surrogate
/// mean(max(−A·r, −A·clip(r, 1 − ε, 1 + ε))) with r = exp(log π − log π_old), minus ent_coef × the mean entropy, plus
/// vf_coef × ½·mean(max((v − R)², (v_old + clip(v − v_old, ±ε) − R)²)) (or the unclipped ½·mean((v − R)²)). Where
/// torch's max has a tie its gradient goes half to each side, and clamp passes the gradient on its closed range.
/// </summary>
internal static class PpoObjective
{
    /// <summary>
    /// Computes the loss of one minibatch and the gradients <paramref name="gLogProb"/> (∂loss/∂log π per sample),
    /// <paramref name="gValue"/> (∂loss/∂v per sample) and the returned ∂loss/∂H of every sample's entropy.
    /// </summary>
    /// <param name="logProbs">log π(a|s) under the current weights.</param>
    /// <param name="entropies">The current policy's entropy per sample.</param>
    /// <param name="values">The current value estimates.</param>
    /// <param name="oldLogProbs">log π_old(a|s) recorded in the rollout.</param>
    /// <param name="advantages">The advantages (already normalised when norm_adv is on).</param>
    /// <param name="returns">The value targets.</param>
    /// <param name="oldValues">The rollout's value estimates.</param>
    /// <param name="config">The coefficients.</param>
    /// <param name="gLogProb">Receives ∂loss/∂log π.</param>
    /// <param name="gValue">Receives ∂loss/∂v.</param>
    public static (PpoLosses Losses, float GEntropy) Compute(ReadOnlySpan<float> logProbs, ReadOnlySpan<float> entropies, ReadOnlySpan<float> values,
        ReadOnlySpan<float> oldLogProbs, ReadOnlySpan<float> advantages, ReadOnlySpan<float> returns, ReadOnlySpan<float> oldValues, PpoConfig config,
        Span<float> gLogProb, Span<float> gValue)
    {
        int n = logProbs.Length;
        float clip = (float)config.ClipCoef;
        double pg = 0, vLoss = 0, entropy = 0, oldKl = 0, kl = 0;
        int clipped = 0;
        for (int i = 0; i < n; i++)
        {
            float logRatio = logProbs[i] - oldLogProbs[i], ratio = MathF.Exp(logRatio);
            oldKl += -logRatio;
            kl += ratio - 1 - logRatio;
            if (MathF.Abs(ratio - 1) > clip) clipped++;
            float a = advantages[i], clampedRatio = Math.Clamp(ratio, 1 - clip, 1 + clip);
            float loss1 = -a * ratio, loss2 = -a * clampedRatio;
            pg += Math.Max(loss1, loss2);
            float inRange = ratio >= 1 - clip && ratio <= 1 + clip ? 1f : 0f;
            float dRatio = loss1 > loss2 ? -a : loss1 < loss2 ? -a * inRange : 0.5f * (-a) + 0.5f * (-a * inRange);
            gLogProb[i] = dRatio * ratio / n;

            float v = values[i], target = returns[i], error = v - target;
            if (config.ClipVloss)
            {
                float delta = v - oldValues[i], clampedDelta = Math.Clamp(delta, -clip, clip);
                float vClipped = oldValues[i] + clampedDelta, errorClipped = vClipped - target;
                float unclippedLoss = error * error, clippedLoss = errorClipped * errorClipped;
                vLoss += Math.Max(unclippedLoss, clippedLoss);
                float deltaInRange = delta >= -clip && delta <= clip ? 1f : 0f;
                float dUnclipped = 2 * error, dClipped = 2 * errorClipped * deltaInRange;
                float dMax = unclippedLoss > clippedLoss ? dUnclipped : unclippedLoss < clippedLoss ? dClipped : 0.5f * (dUnclipped + dClipped);
                gValue[i] = (float)(config.VfCoef * 0.5 * dMax / n);
            }
            else
            {
                vLoss += error * error;
                gValue[i] = (float)(config.VfCoef * error / n);
            }
            entropy += entropies[i];
        }
        var losses = new PpoLosses((float)(pg / n), (float)(0.5 * vLoss / n), (float)(entropy / n), (float)(oldKl / n), (float)(kl / n), (float)clipped / n);
        return (losses, (float)(-config.EntCoef / n));
    }
}
