namespace RlFramework.Models.Optimizers;

/// <summary>Exponential decay: lr = base · gamma^epoch.</summary>
public sealed class ExponentialLR(Optimizer optimizer, double gamma) : LRScheduler(optimizer)
{
    /// <inheritdoc/>
    protected override double ComputeLr(double baseLr, int epoch) => baseLr * Math.Pow(gamma, epoch);
}
