namespace RlFramework.Models.Modules;

/// <summary>2-D convolution layer, PyTorch default init U(-1/√fan_in, 1/√fan_in) (fan_in = C·kh·kw).</summary>
public sealed class Conv2d : Module<Tensor, Tensor>
{
    /// <summary>Weight [out_channels, in_channels, k, k].</summary>
    public Parameter weight { get; }

    /// <summary>Bias [out_channels] or null.</summary>
    public Parameter? bias { get; }

    private readonly int _stride, _padding, _dilation;

    /// <summary>Creates the layer.</summary>
    public Conv2d(long inChannels, long outChannels, long kernelSize, long stride = 1, long padding = 0, long dilation = 1, bool hasBias = true, Generator? generator = null) : base("Conv2d")
    {
        (_stride, _padding, _dilation) = ((int)stride, (int)padding, (int)dilation);
        var g = generator ?? torch.default_generator;
        double bound = 1.0 / Math.Sqrt(inChannels * kernelSize * kernelSize);
        weight = RegisterUniformParameter("weight", [(int)outChannels, (int)inChannels, (int)kernelSize, (int)kernelSize], bound, g);
        bias = hasBias ? RegisterUniformParameter("bias", [(int)outChannels], bound, g) : null;
    }

    /// <summary>Convolves [N, C, H, W].</summary>
    public override Tensor forward(Tensor input) => Tensor.Conv2d(input, weight, bias, _stride, _padding, _dilation);
}
