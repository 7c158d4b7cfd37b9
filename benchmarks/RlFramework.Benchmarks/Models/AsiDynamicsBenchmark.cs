using BenchmarkDotNet.Attributes;
using RlFramework.Models;
using RlFramework.Models.Modules;

namespace RlFramework.Benchmarks.Models;

/// <summary>
/// The ASI dynamics model's shape built from Models layers (convs 3→n, n→n, n→n 5×5, n→n 7×7, n→n 5×5 with 'same'
/// padding and ReLU, the input concatenated, 1×1 conv (n+3)→n with ReLU, 1×1 conv n→3, sigmoid) on one frame:
/// forward, binary cross-entropy against a target frame, backward; single thread.
/// </summary>
[MemoryDiagnoser]
public class AsiDynamicsBenchmark
{
    private Sequential _features = null!;
    private Conv2d _mix = null!, _output = null!;
    private Tensor _x = null!, _target = null!;

    /// <summary>Kernels per hidden layer (8: the default run; 32: the paper).</summary>
    [Params(8, 32)]
    public int Kernels { get; set; } = 8;

    /// <summary>Frame height (64: Room Runner, 126: Funnel Board).</summary>
    [Params(64, 126)]
    public int Height { get; set; } = 126;

    /// <summary>Frame width (Room Runner 64, Funnel Board 75).</summary>
    public int Width => Height == 126 ? 75 : 64;

    /// <summary>Builds the model and a random frame and target (the frame requires grad, as inside a chain).</summary>
    [GlobalSetup]
    public void Setup()
    {
        torch.set_num_threads(1);
        torch.manual_seed(0);
        var layers = new List<Module<Tensor, Tensor>>();
        int inChannels = 3;
        foreach (int k in new[] { 5, 5, 5, 7, 5 })
        {
            layers.Add(torch.nn.Conv2d(inChannels, Kernels, k, padding: k / 2));
            layers.Add(torch.nn.ReLU());
            inChannels = Kernels;
        }
        _features = torch.nn.Sequential(layers.ToArray());
        _mix = torch.nn.Conv2d(Kernels + 3, Kernels, 1);
        _output = torch.nn.Conv2d(Kernels, 3, 1);
        _x = torch.rand(1, 3, Height, Width).requires_grad_();
        _target = torch.rand(1, 3, Height, Width);
    }

    /// <summary>One forward pass of the model.</summary>
    public Tensor Forward(Tensor input)
    {
        var h = _features.forward(input);
        h = _mix.forward(torch.cat([h, input], 1)).relu();
        return _output.forward(h).sigmoid();
    }

    /// <summary>Forward, BCE loss and backward of one frame.</summary>
    [Benchmark]
    public void ForwardBackward()
    {
        using var scope = torch.NewDisposeScope();
        ZeroGrad();
        torch.nn.functional.binary_cross_entropy(Forward(_x), _target).backward();
    }

    /// <summary>A chain of <paramref name="steps"/> forward passes, each fed the previous prediction, a BCE loss
    /// at every step and one backward through the whole chain (the shape of one ASI training step).</summary>
    public void Chain(int steps)
    {
        using var scope = torch.NewDisposeScope();
        ZeroGrad();
        var frame = _x;
        Tensor? loss = null;
        for (int t = 0; t < steps; t++)
        {
            frame = Forward(frame);
            var l = torch.nn.functional.binary_cross_entropy(frame, _target);
            loss = loss is null ? l : loss + l;
        }
        loss!.backward();
    }

    private void ZeroGrad()
    {
        _features.zero_grad();
        _mix.zero_grad();
        _output.zero_grad();
        _x.grad?.zero_();
    }
}
