namespace RlFramework.Models.Optimizers;

/// <summary>Linear schedule: the factor goes from start_factor to end_factor over total_iters steps, then stays.</summary>
public sealed class LinearLR : LRScheduler
{
    private readonly double _start, _end;
    private readonly int _total;

    /// <summary>Creates the schedule (PyTorch defaults: 1/3 → 1 over 5 steps) and applies the start factor.</summary>
    public LinearLR(Optimizer optimizer, double start_factor = 1.0 / 3, double end_factor = 1.0, int total_iters = 5) : base(optimizer)
    {
        if (start_factor <= 0 || start_factor > 1 || end_factor < 0 || end_factor > 1) throw new ArgumentException($"LinearLR: factors must be in (0, 1] and [0, 1], got {start_factor}, {end_factor}");
        (_start, _end, _total) = (start_factor, end_factor, total_iters);
        optimizer.lr = optimizer.initial_lr * start_factor;
    }

    /// <inheritdoc/>
    protected override double ComputeLr(double baseLr, int epoch) =>
        baseLr * (_start + (_end - _start) * Math.Min(epoch, _total) / _total);
}
