namespace RlFramework.Models.Modules;

/// <summary>Fully connected layer y = x·Wᵀ + b, with PyTorch's default init U(-1/√in, 1/√in) for W and b.</summary>
public sealed class Linear : Module<Tensor, Tensor>
{
    /// <summary>Weight of shape [out_features, in_features].</summary>
    public Parameter weight { get; }

    /// <summary>Bias of shape [out_features], or null.</summary>
    public Parameter? bias { get; }

    /// <summary>Input size.</summary>
    public int in_features { get; }

    /// <summary>Output size.</summary>
    public int out_features { get; }

    /// <summary>Creates the layer, drawing the initial weights from <paramref name="generator"/> (default: torch's).</summary>
    public Linear(long inputSize, long outputSize, bool hasBias = true, Generator? generator = null) : base("Linear")
    {
        if (inputSize <= 0 || outputSize <= 0) throw new ArgumentException($"Linear: sizes must be positive, got {inputSize}→{outputSize}");
        in_features = (int)inputSize;
        out_features = (int)outputSize;
        var g = generator ?? torch.default_generator;
        double bound = 1.0 / Math.Sqrt(in_features);
        weight = RegisterUniformParameter("weight", [out_features, in_features], bound, g);
        bias = hasBias ? RegisterUniformParameter("bias", [out_features], bound, g) : null;
    }

    /// <summary>Applies the layer to the last dimension of <paramref name="input"/>.</summary>
    public override Tensor forward(Tensor input) => Tensor.Linear(input, weight, bias);

    /// <summary>relu(forward(input)) in one pass (the values of the two modules applied in turn).</summary>
    internal Tensor ForwardRelu(Tensor input) => Tensor.Linear(input, weight, bias, relu: true);
}
