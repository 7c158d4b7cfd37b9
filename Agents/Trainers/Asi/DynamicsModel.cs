using RlFramework.Models;
using RlFramework.Models.Modules;

namespace RlFramework.Agents.Trainers.Asi;

/// <summary>
/// The ASI dynamics model f: a frame [N, 3, H, W] in [0, 1] to a predicted future frame of the same size. Seven
/// conv layers as the paper: 5×5, 5×5, 5×5, 7×7, 5×5 with n kernels and ReLU (zero 'same' padding), laid out as
/// <see cref="AsiArchitecture"/> says, the input frame concatenated to the feature map, a 1×1 conv with n kernels and
/// ReLU, and a 1×1 conv to 3 channels with sigmoid. Weights He-uniform (U(±√(6/fan_in))), biases zero.
/// <para>
/// The residual variant (<see cref="Residual"/>, ours) adds the input frame's logits, logit(clamp(x, δ, 1 − δ)) with
/// δ = <see cref="ResidualClamp"/>, to the last conv's output before the sigmoid, and starts that conv at zero: at
/// initialisation it predicts its input, so training spends itself on what changes (the moving object) instead of
/// first relearning the static scene.
/// </para>
/// </summary>
public sealed class DynamicsModel : Module<Tensor, Tensor>
{
    /// <summary>Kernel sizes of the feature stack.</summary>
    public static IReadOnlyList<int> FeatureKernelSizes { get; } = [5, 5, 5, 7, 5];

    private readonly Sequential features;
    private readonly ConvTranspose2d? upsample;
    private readonly Conv2d mix;
    private readonly Conv2d output;

    /// <summary>Creates the plain model with <paramref name="kernels"/> kernels per hidden layer, initialised from <paramref name="generator"/>.</summary>
    public DynamicsModel(int kernels, Generator generator) : this(kernels, AsiArchitecture.Plain, generator) { }

    /// <summary>
    /// Creates the model with <paramref name="kernels"/> kernels per hidden layer in the layout <paramref name="architecture"/>,
    /// residual when <paramref name="residual"/> (<see cref="Residual"/>), initialised from <paramref name="generator"/>.
    /// </summary>
    public DynamicsModel(int kernels, AsiArchitecture architecture, Generator generator, bool residual = false) : base("DynamicsModel")
    {
        if (kernels <= 0) throw new ArgumentOutOfRangeException(nameof(kernels), kernels, "The number of kernels must be positive.");
        if (!Enum.IsDefined(architecture)) throw new ArgumentOutOfRangeException(nameof(architecture), architecture, "Expected plain, strided or dilated.");
        ArgumentNullException.ThrowIfNull(generator);
        Kernels = kernels;
        Architecture = architecture;
        var layers = new List<Module<Tensor, Tensor>>();
        int inChannels = AsiTrajectory.Channels;
        // The strided layout: the first conv halves the resolution and the last feature layer, a transposed conv, restores it.
        int convs = architecture == AsiArchitecture.Strided ? FeatureKernelSizes.Count - 1 : FeatureKernelSizes.Count;
        for (int l = 0; l < convs; l++)
        {
            int k = FeatureKernelSizes[l];
            int stride = architecture == AsiArchitecture.Strided && l == 0 ? 2 : 1;
            int dilation = architecture == AsiArchitecture.Dilated && l is >= 1 and <= 3 ? 2 : 1;
            layers.Add(HeUniform(new Conv2d(inChannels, kernels, k, stride: stride, padding: dilation * (k / 2), dilation: dilation, generator: generator), generator));
            layers.Add(torch.nn.ReLU());
            inChannels = kernels;
        }
        features = torch.nn.Sequential(layers.ToArray());
        if (architecture == AsiArchitecture.Strided)
        {
            int k = FeatureKernelSizes[^1];
            upsample = new ConvTranspose2d(kernels, kernels, k, stride: 2, padding: k / 2, outputPadding: 1, generator: generator);
            using var _ = torch.no_grad();
            // He-uniform for the transposed conv: its fan-in per output value is in·k²/stride² (PyTorch's fan_in of this weight is out·k²).
            double bound = Math.Sqrt(6.0 * 4 / (kernels * k * k));
            torch.nn.init.uniform_(upsample.weight, -bound, bound, generator);
            torch.nn.init.zeros_(upsample.bias!);
        }
        mix = HeUniform(new Conv2d(kernels + AsiTrajectory.Channels, kernels, 1, generator: generator), generator);
        output = HeUniform(new Conv2d(kernels, AsiTrajectory.Channels, 1, generator: generator), generator);
        Residual = residual;
        if (residual)
        {
            using var _ = torch.no_grad();
            torch.nn.init.zeros_(output.weight);
        }
        RegisterComponents();
    }

    /// <summary>Kernels n per hidden layer.</summary>
    public int Kernels { get; }

    /// <summary>The layout of the feature stack.</summary>
    public AsiArchitecture Architecture { get; }

    /// <summary>Whether the output adds to the input frame's logits (a prediction of the change) instead of drawing the frame anew.</summary>
    public bool Residual { get; }

    /// <summary>δ of the residual variant: the input frame is clamped to [δ, 1 − δ] before its logits are taken.</summary>
    public const float ResidualClamp = 0.01f;

    private static Conv2d HeUniform(Conv2d conv, Generator generator)
    {
        using var _ = torch.no_grad();
        torch.nn.init.kaiming_uniform_(conv.weight, nonlinearity: "relu", generator: generator);
        torch.nn.init.zeros_(conv.bias!);
        return conv;
    }

    /// <summary>Predicts the future frame of each input frame: [N, 3, H, W] → [N, 3, H, W] in (0, 1).</summary>
    public override Tensor forward(Tensor input)
    {
        if (input.dim() != 4 || input.shape[1] != AsiTrajectory.Channels)
            throw new ArgumentException($"DynamicsModel expects frames [N, 3, H, W]; got shape [{string.Join(", ", input.shape)}].", nameof(input));
        var h = features.forward(input);
        if (upsample is not null)
        {
            // ⌈H/2⌉ rows come back as 2⌈H/2⌉ rows: one too many for an odd H, cut off at the bottom (and right).
            h = upsample.forward(h).relu();
            h = h.narrow(2, 0, input.shape[2]).narrow(3, 0, input.shape[3]);
        }
        h = mix.forward(torch.cat([h, input], 1)).relu();
        var logits = output.forward(h);
        if (Residual)
        {
            var x = input.clamp(ResidualClamp, 1 - ResidualClamp);
            logits = logits + (x.log() - (1 - x).log());
        }
        return logits.sigmoid();
    }
}
