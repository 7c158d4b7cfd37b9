namespace RlFramework.Models.Optimizers;

/// <summary>AdamW: Adam with decoupled weight decay p ← p·(1 − lr·wd) (PyTorch default weight decay 1e-2).</summary>
public sealed class AdamW : Adam
{
    /// <summary>Creates AdamW (PyTorch defaults: betas 0.9/0.999, eps 1e-8, weight decay 1e-2).</summary>
    public AdamW(IEnumerable<Modules.Parameter> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weight_decay = 1e-2, bool amsgrad = false)
        : base("AdamW", parameters, lr, beta1, beta2, eps, weight_decay, amsgrad, decoupled: true) { }
}
