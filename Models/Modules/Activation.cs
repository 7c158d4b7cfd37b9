namespace RlFramework.Models.Modules;

/// <summary>Parameter-free module wrapping an elementwise or per-dimension function (ReLU, Tanh, ...).</summary>
public sealed class Activation : Module<Tensor, Tensor>
{
    private readonly Func<Tensor, Tensor> _fn;

    /// <summary>Creates the module with its PyTorch class name and function.</summary>
    public Activation(string name, Func<Tensor, Tensor> fn) : base(name) => _fn = fn;

    /// <summary>True for <c>torch.nn.ReLU()</c>: <see cref="Sequential"/> fuses a Linear followed by it into one pass.</summary>
    internal bool IsRelu { get; init; }

    /// <summary>Applies the function.</summary>
    public override Tensor forward(Tensor input) => _fn(input);
}
