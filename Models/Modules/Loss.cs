namespace RlFramework.Models.Modules;

/// <summary>A loss module: forward(input, target) → loss tensor.</summary>
public sealed class Loss : Module<Tensor, Tensor, Tensor>
{
    private readonly Func<Tensor, Tensor, Tensor> _fn;

    /// <summary>Creates the loss with its PyTorch class name and function.</summary>
    public Loss(string name, Func<Tensor, Tensor, Tensor> fn) : base(name) => _fn = fn;

    /// <summary>Computes the loss.</summary>
    public override Tensor forward(Tensor input, Tensor target) => _fn(input, target);
}
