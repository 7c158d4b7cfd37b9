using RlFramework.Models;
using RlFramework.Models.Modules;

namespace RlFramework.Agents.Trainers.Asi;

/// <summary>
/// The ASI dynamics model f: a frame [N, 3, H, W] in [0, 1] to a predicted future frame of the same size. Seven
/// conv layers as the paper: a stack of five with n kernels and ReLU (zero 'same' padding) laid out as
/// <see cref="AsiArchitecture"/> says (5×5, 5×5, 5×5, 7×7, 5×5 plain or dilated; five 5×5 strided), the input frame
/// concatenated to the feature map, a 1×1 conv with n kernels and ReLU, and a 1×1 conv to 3 channels with sigmoid. Weights He-uniform (U(±√(6/fan_in))), biases zero.
/// <para>
/// The residual variant (<see cref="Residual"/>, ours) adds the input frame's logits, logit(clamp(x, δ, 1 − δ)) with
/// δ = <see cref="ResidualClamp"/>, to the last conv's output before the sigmoid, and starts that conv at zero: at
/// initialisation it predicts its input, so training spends itself on what changes (the moving object) instead of
/// first relearning the static scene.
/// </para>
/// </summary>
public sealed class DynamicsModel : Module<Tensor, Tensor>
{
    /// <summary>Kernel sizes of the feature stack of the plain and dilated layouts.</summary>
    public static IReadOnlyList<int> FeatureKernelSizes { get; } = [5, 5, 5, 7, 5];

    /// <summary>Kernel size of every layer of the strided layout's feature stack (the authors' f_strided).</summary>
    public const int StridedKernelSize = 5;

    private readonly Sequential features;
    private readonly ConvTranspose2d? upsample;
    private readonly Conv2d? refine;
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
        void Add(int k, int stride, int dilation)
        {
            layers.Add(HeUniform(new Conv2d(inChannels, kernels, k, stride: stride, padding: dilation * (k / 2), dilation: dilation, generator: generator), generator));
            layers.Add(torch.nn.ReLU());
            inChannels = kernels;
        }
        if (architecture == AsiArchitecture.Strided)
        {
            // The authors' f_strided: 5×5, 5×5 of stride 2, 5×5 at half resolution; a 5×5 transposed conv of stride 2
            // back to full resolution and a 5×5 conv there (both below).
            const int k = StridedKernelSize;
            Add(k, 1, 1);
            Add(k, 2, 1);
            Add(k, 1, 1);
            upsample = new ConvTranspose2d(kernels, kernels, k, stride: 2, padding: k / 2, outputPadding: 1, generator: generator);
            using (torch.no_grad())
            {
                // He-uniform as PyTorch and Keras size it for a transposed kernel: fan_in = out channels · k².
                torch.nn.init.kaiming_uniform_(upsample.weight, nonlinearity: "relu", generator: generator);
                torch.nn.init.zeros_(upsample.bias!);
            }
            refine = HeUniform(new Conv2d(kernels, kernels, k, padding: k / 2, generator: generator), generator);
        }
        else
        {
            // The dilated layout (the authors' f_dilated) dilates the 7×7 conv by 2.
            for (int l = 0; l < FeatureKernelSizes.Count; l++)
                Add(FeatureKernelSizes[l], 1, architecture == AsiArchitecture.Dilated && l == 3 ? 2 : 1);
        }
        features = torch.nn.Sequential(layers.ToArray());
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
        if (upsample is not null && refine is not null)
        {
            // ⌈H/2⌉ rows come back as 2⌈H/2⌉ rows: one too many for an odd H, cut off at the bottom (and right).
            h = upsample.forward(h).relu();
            h = refine.forward(h.narrow(2, 0, input.shape[2]).narrow(3, 0, input.shape[3])).relu();
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
