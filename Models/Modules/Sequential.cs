namespace RlFramework.Models.Modules;

/// <summary>Chains modules; children are named "0", "1", ... unless names are given.</summary>
public sealed class Sequential : Module<Tensor, Tensor>
{
    private readonly List<Module<Tensor, Tensor>> _layers = new();

    /// <summary>Creates the chain from modules.</summary>
    public Sequential(params Module<Tensor, Tensor>[] modules) : base("Sequential")
    {
        foreach (var m in modules) append(m);
    }

    /// <summary>Creates the chain from named modules.</summary>
    public Sequential(params (string name, Module<Tensor, Tensor> module)[] modules) : base("Sequential")
    {
        foreach (var (n, m) in modules) { register_module(n, m); _layers.Add(m); }
    }

    /// <summary>Appends a module named by its position.</summary>
    public Sequential append(Module<Tensor, Tensor> module)
    {
        register_module(_layers.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), module);
        _layers.Add(module);
        return this;
    }

    /// <summary>Number of modules.</summary>
    public int Count => _layers.Count;

    /// <summary>The module at <paramref name="index"/>.</summary>
    public Module<Tensor, Tensor> this[int index] => _layers[index];

    /// <summary>Applies every module in order (a Linear followed by a ReLU runs as one fused op, with the same values).</summary>
    public override Tensor forward(Tensor input)
    {
        var x = input;
        for (int i = 0; i < _layers.Count; i++)
        {
            if (_layers[i] is Linear linear && i + 1 < _layers.Count && _layers[i + 1] is Activation { IsRelu: true })
            {
                x = linear.ForwardRelu(x);
                i++;
            }
            else
            {
                x = _layers[i].forward(x);
            }
        }
        return x;
    }
}
