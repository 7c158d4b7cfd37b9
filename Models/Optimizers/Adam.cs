namespace RlFramework.Models.Optimizers;

/// <summary>Adam (and AdamW with decoupled weight decay) with PyTorch's update rule, bias correction and amsgrad option.</summary>
public class Adam : Optimizer
{
    private readonly double _b1, _b2, _eps, _wd;
    private readonly bool _amsgrad, _decoupled;
    private readonly int _m, _v, _vmax;

    /// <summary>Creates Adam (PyTorch defaults: betas 0.9/0.999, eps 1e-8, weight decay 0).</summary>
    public Adam(IEnumerable<Modules.Parameter> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weight_decay = 0, bool amsgrad = false)
        : this("Adam", parameters, lr, beta1, beta2, eps, weight_decay, amsgrad, decoupled: false) { }

    /// <summary>Shared constructor for Adam and AdamW.</summary>
    protected Adam(string name, IEnumerable<Modules.Parameter> parameters, double lr, double beta1, double beta2, double eps, double weight_decay, bool amsgrad, bool decoupled)
        : base(name, parameters, lr)
    {
        if (beta1 < 0 || beta1 >= 1 || beta2 < 0 || beta2 >= 1) throw new ArgumentException($"{name}: invalid betas ({beta1}, {beta2})");
        (_b1, _b2, _eps, _wd, _amsgrad, _decoupled) = (beta1, beta2, eps, weight_decay, amsgrad, decoupled);
        _m = AddSlot("exp_avg");
        _v = AddSlot("exp_avg_sq");
        _vmax = amsgrad ? AddSlot("max_exp_avg_sq") : -1;
    }

    /// <inheritdoc/>
    protected override IEnumerable<(string Key, double Value)> Hyperparameters() =>
        [("beta1", _b1), ("beta2", _b2), ("eps", _eps), ("weight_decay", _wd), ("amsgrad", _amsgrad ? 1 : 0)];

    /// <inheritdoc/>
    protected override void Update(int i, Span<float> p, ReadOnlySpan<float> grad, long step)
    {
        var m = State(_m, i);
        var v = State(_v, i);
        var vmax = _amsgrad ? State(_vmax, i) : default;
        float b1 = (float)_b1, b2 = (float)_b2, eps = (float)_eps, wd = (float)_wd;
        float omb1 = (float)(1 - _b1), omb2 = (float)(1 - _b2);
        double bc1 = 1 - Math.Pow(_b1, step), bc2 = 1 - Math.Pow(_b2, step);
        float stepSize = (float)(lr / bc1);
        float bc2Sqrt = (float)Math.Sqrt(bc2);
        if (_decoupled && wd != 0)
        {
            float decay = (float)(1 - lr * _wd);
            for (int k = 0; k < p.Length; k++) p[k] *= decay;
        }
        if (!_amsgrad)
        {
            Kernels.Simd.Adam(p, grad, m, v, b1, omb1, b2, omb2, stepSize, bc2Sqrt, eps, _decoupled ? 0f : wd);
            return;
        }
        for (int k = 0; k < p.Length; k++)
        {
            float g = grad[k];
            if (!_decoupled && wd != 0) g += wd * p[k];
            m[k] = m[k] * b1 + omb1 * g;
            v[k] = v[k] * b2 + omb2 * g * g;
            float vv = v[k];
            if (_amsgrad) vv = vmax[k] = MathF.Max(vmax[k], vv);
            float denom = MathF.Sqrt(vv) / bc2Sqrt + eps;
            p[k] -= stepSize * (m[k] / denom);
        }
    }
}
