namespace RlFramework.Models.Optimizers;

/// <summary>RMSprop with PyTorch's rule (eps added after the square root; optional centering and momentum).</summary>
public sealed class RMSprop : Optimizer
{
    private readonly float _alpha, _eps, _wd, _momentum;
    private readonly bool _centered;
    private readonly int _sq, _buf, _gavg;

    /// <summary>Creates RMSprop (PyTorch defaults: lr 1e-2, alpha 0.99, eps 1e-8).</summary>
    public RMSprop(IEnumerable<Modules.Parameter> parameters, double lr = 0.01, double alpha = 0.99, double eps = 1e-8, double weight_decay = 0, double momentum = 0, bool centered = false)
        : base("RMSprop", parameters, lr)
    {
        (_alpha, _eps, _wd, _momentum, _centered) = ((float)alpha, (float)eps, (float)weight_decay, (float)momentum, centered);
        _sq = AddSlot("square_avg");
        _buf = momentum > 0 ? AddSlot("momentum_buffer") : -1;
        _gavg = centered ? AddSlot("grad_avg") : -1;
    }

    /// <inheritdoc/>
    protected override IEnumerable<(string Key, double Value)> Hyperparameters() =>
        [("alpha", _alpha), ("eps", _eps), ("weight_decay", _wd), ("momentum", _momentum), ("centered", _centered ? 1 : 0)];

    /// <inheritdoc/>
    protected override void Update(int i, Span<float> p, ReadOnlySpan<float> grad, long step)
    {
        var sq = State(_sq, i);
        var buf = _momentum > 0 ? State(_buf, i) : default;
        var ga = _centered ? State(_gavg, i) : default;
        float lr = (float)this.lr;
        for (int k = 0; k < p.Length; k++)
        {
            float g = grad[k];
            if (_wd != 0) g += _wd * p[k];
            sq[k] = sq[k] * _alpha + (1 - _alpha) * g * g;
            float avg;
            if (_centered)
            {
                ga[k] = ga[k] * _alpha + (1 - _alpha) * g;
                avg = MathF.Sqrt(sq[k] - ga[k] * ga[k]) + _eps;
            }
            else
            {
                avg = MathF.Sqrt(sq[k]) + _eps;
            }

            if (_momentum > 0)
            {
                buf[k] = buf[k] * _momentum + g / avg;
                p[k] -= lr * buf[k];
            }
            else
            {
                p[k] -= lr * (g / avg);
            }
        }
    }
}
