namespace RlFramework.Models.Optimizers;

/// <summary>Step decay: lr = base · gamma^⌊epoch / step_size⌋.</summary>
public sealed class StepLR(Optimizer optimizer, int step_size, double gamma = 0.1) : LRScheduler(optimizer)
{
    /// <inheritdoc/>
    protected override double ComputeLr(double baseLr, int epoch) => baseLr * Math.Pow(gamma, epoch / step_size);
}
