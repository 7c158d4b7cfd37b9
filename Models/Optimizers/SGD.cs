namespace RlFramework.Models.Optimizers;

/// <summary>Stochastic gradient descent with PyTorch's momentum, dampening, Nesterov and weight-decay rules.</summary>
public sealed class SGD : Optimizer
{
    private readonly float _momentum, _dampening, _wd;
    private readonly bool _nesterov;
    private readonly int _buf;

    /// <summary>Creates SGD (PyTorch defaults: momentum 0, dampening 0, weight decay 0, no Nesterov).</summary>
    public SGD(IEnumerable<Modules.Parameter> parameters, double lr, double momentum = 0, double dampening = 0, double weight_decay = 0, bool nesterov = false)
        : base("SGD", parameters, lr)
    {
        if (nesterov && (momentum <= 0 || dampening != 0)) throw new ArgumentException("SGD: Nesterov momentum requires a momentum and zero dampening");
        (_momentum, _dampening, _wd, _nesterov) = ((float)momentum, (float)dampening, (float)weight_decay, nesterov);
        _buf = AddSlot("momentum_buffer");
    }

    /// <inheritdoc/>
    protected override IEnumerable<(string Key, double Value)> Hyperparameters() =>
        [("momentum", _momentum), ("dampening", _dampening), ("weight_decay", _wd), ("nesterov", _nesterov ? 1 : 0)];

    /// <inheritdoc/>
    protected override void Update(int i, Span<float> p, ReadOnlySpan<float> grad, long step)
    {
        float lr = (float)this.lr;
        bool first = !HasState(_buf, i);
        Span<float> buf = _momentum != 0 ? State(_buf, i) : default;
        for (int k = 0; k < p.Length; k++)
        {
            float g = grad[k];
            if (_wd != 0) g += _wd * p[k];
            if (_momentum != 0)
            {
                buf[k] = first ? g : _momentum * buf[k] + (1 - _dampening) * g;
                g = _nesterov ? g + _momentum * buf[k] : buf[k];
            }
            p[k] -= lr * g;
        }
    }
}
