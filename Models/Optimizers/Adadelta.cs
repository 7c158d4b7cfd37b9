namespace RlFramework.Models.Optimizers;

/// <summary>Adadelta with PyTorch's rule and defaults (lr 1.0, rho 0.9, eps 1e-6).</summary>
public sealed class Adadelta : Optimizer
{
    private readonly float _rho, _eps, _wd;
    private readonly int _sq, _acc;

    /// <summary>Creates Adadelta.</summary>
    public Adadelta(IEnumerable<Modules.Parameter> parameters, double lr = 1.0, double rho = 0.9, double eps = 1e-6, double weight_decay = 0)
        : base("Adadelta", parameters, lr)
    {
        (_rho, _eps, _wd) = ((float)rho, (float)eps, (float)weight_decay);
        _sq = AddSlot("square_avg");
        _acc = AddSlot("acc_delta");
    }

    /// <inheritdoc/>
    protected override IEnumerable<(string Key, double Value)> Hyperparameters() => [("rho", _rho), ("eps", _eps), ("weight_decay", _wd)];

    /// <inheritdoc/>
    protected override void Update(int i, Span<float> p, ReadOnlySpan<float> grad, long step)
    {
        var sq = State(_sq, i);
        var acc = State(_acc, i);
        float lr = (float)this.lr;
        for (int k = 0; k < p.Length; k++)
        {
            float g = grad[k];
            if (_wd != 0) g += _wd * p[k];
            sq[k] = sq[k] * _rho + (1 - _rho) * g * g;
            float std = MathF.Sqrt(sq[k] + _eps);
            float delta = MathF.Sqrt(acc[k] + _eps) / std * g;
            acc[k] = acc[k] * _rho + (1 - _rho) * delta * delta;
            p[k] -= lr * delta;
        }
    }
}
