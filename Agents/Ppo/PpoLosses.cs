namespace RlFramework.Agents.Ppo;

/// <summary>What one PPO minibatch measured, under CleanRL's meanings.</summary>
/// <param name="PolicyLoss">The clipped surrogate loss (losses/policy_loss).</param>
/// <param name="ValueLoss">½ × the (clipped) squared value error (losses/value_loss).</param>
/// <param name="Entropy">The mean entropy (losses/entropy).</param>
/// <param name="OldApproxKl">mean(−log r) (losses/old_approx_kl).</param>
/// <param name="ApproxKl">mean((r − 1) − log r) (losses/approx_kl).</param>
/// <param name="ClipFraction">The share of samples with |r − 1| &gt; ε (losses/clipfrac).</param>
internal readonly record struct PpoLosses(float PolicyLoss, float ValueLoss, float Entropy, float OldApproxKl, float ApproxKl, float ClipFraction)
{
    /// <summary>The loss minimised: policy − ent_coef × entropy + vf_coef × value.</summary>
    public double Total(PpoConfig config) => PolicyLoss - config.EntCoef * Entropy + config.VfCoef * ValueLoss;
}
