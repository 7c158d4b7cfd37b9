using RlFramework.Models;
using RlFramework.Models.Modules;

namespace RlFramework.Agents.Asi;

/// <summary>
/// The ASI dynamics model f: a frame [N, 3, H, W] in [0, 1] to a predicted future frame of the same size. Seven
/// conv layers as the paper: 5×5, 5×5, 5×5, 7×7, 5×5 with n kernels and ReLU (zero 'same' padding, stride 1), the
/// input frame concatenated to the feature map, a 1×1 conv with n kernels and ReLU, and a 1×1 conv to 3 channels
/// with sigmoid. Weights He-uniform (U(±√(6/fan_in))), biases zero.
/// </summary>
public sealed class DynamicsModel : Module<Tensor, Tensor>
{
    /// <summary>Kernel sizes of the feature stack.</summary>
    public static IReadOnlyList<int> FeatureKernelSizes { get; } = [5, 5, 5, 7, 5];

    private readonly Sequential features;
    private readonly Conv2d mix;
    private readonly Conv2d output;

    /// <summary>Creates the model with <paramref name="kernels"/> kernels per hidden layer, initialised from <paramref name="generator"/>.</summary>
    public DynamicsModel(int kernels, Generator generator) : base("DynamicsModel")
    {
        if (kernels <= 0) throw new ArgumentOutOfRangeException(nameof(kernels), kernels, "The number of kernels must be positive.");
        ArgumentNullException.ThrowIfNull(generator);
        Kernels = kernels;
        var layers = new List<Module<Tensor, Tensor>>();
        int inChannels = AsiTrajectory.Channels;
        foreach (int k in FeatureKernelSizes)
        {
            layers.Add(HeUniform(new Conv2d(inChannels, kernels, k, padding: k / 2, generator: generator), generator));
            layers.Add(torch.nn.ReLU());
            inChannels = kernels;
        }
        features = torch.nn.Sequential(layers.ToArray());
        mix = HeUniform(new Conv2d(kernels + AsiTrajectory.Channels, kernels, 1, generator: generator), generator);
        output = HeUniform(new Conv2d(kernels, AsiTrajectory.Channels, 1, generator: generator), generator);
        RegisterComponents();
    }

    /// <summary>Kernels n per hidden layer.</summary>
    public int Kernels { get; }

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
        h = mix.forward(torch.cat([h, input], 1)).relu();
        return output.forward(h).sigmoid();
    }
}
