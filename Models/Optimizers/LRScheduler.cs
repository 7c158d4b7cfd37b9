namespace RlFramework.Models.Optimizers;

/// <summary>Learning-rate schedule: call <see cref="step"/> once per epoch (or update) after <c>optimizer.step()</c>.</summary>
public abstract class LRScheduler
{
    /// <summary>The scheduled optimizer.</summary>
    protected Optimizer Optimizer { get; }

    /// <summary>Number of scheduler steps taken.</summary>
    public int last_epoch { get; private set; }

    /// <summary>Attaches to an optimizer (its initial lr is the base).</summary>
    protected LRScheduler(Optimizer optimizer) => Optimizer = optimizer;

    /// <summary>Advances one step and sets the optimizer's lr.</summary>
    public void step()
    {
        last_epoch++;
        Optimizer.lr = ComputeLr(Optimizer.initial_lr, last_epoch);
    }

    /// <summary>Learning rate after <paramref name="epoch"/> steps from base <paramref name="baseLr"/>.</summary>
    protected abstract double ComputeLr(double baseLr, int epoch);

    /// <summary>The current learning rate.</summary>
    public double get_last_lr() => Optimizer.lr;
}
