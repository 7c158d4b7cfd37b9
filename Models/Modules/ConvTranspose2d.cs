namespace RlFramework.Models.Modules;

/// <summary>2-D transposed convolution layer, weight [in, out, k, k], PyTorch default init (fan_in = out·k·k as PyTorch computes it).</summary>
public sealed class ConvTranspose2d : Module<Tensor, Tensor>
{
    /// <summary>Weight [in_channels, out_channels, k, k].</summary>
    public Parameter weight { get; }

    /// <summary>Bias [out_channels] or null.</summary>
    public Parameter? bias { get; }

    private readonly int _stride, _padding, _outputPadding, _dilation;

    /// <summary>Creates the layer.</summary>
    public ConvTranspose2d(long inChannels, long outChannels, long kernelSize, long stride = 1, long padding = 0, long outputPadding = 0, long dilation = 1, bool hasBias = true, Generator? generator = null) : base("ConvTranspose2d")
    {
        (_stride, _padding, _outputPadding, _dilation) = ((int)stride, (int)padding, (int)outputPadding, (int)dilation);
        var g = generator ?? torch.default_generator;
        double bound = 1.0 / Math.Sqrt(outChannels * kernelSize * kernelSize);
        weight = RegisterUniformParameter("weight", [(int)inChannels, (int)outChannels, (int)kernelSize, (int)kernelSize], bound, g);
        bias = hasBias ? RegisterUniformParameter("bias", [(int)outChannels], bound, g) : null;
    }

    /// <summary>Applies the transposed convolution to [N, C, H, W].</summary>
    public override Tensor forward(Tensor input) => Tensor.ConvTranspose2d(input, weight, bias, _stride, _padding, _outputPadding, _dilation);
}
