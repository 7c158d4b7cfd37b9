using BenchmarkDotNet.Attributes;
using RlFramework.Models;
using RlFramework.Models.Modules;

namespace RlFramework.Benchmarks.Models;

/// <summary>Workload 4 of issue 3: Conv2d 48→48, 5×5, padding 2 on 2×48×64×64, forward + backward.</summary>
[MemoryDiagnoser]
public class ConvBenchmark
{
    private Conv2d _conv = null!;
    private Tensor _x = null!;

    /// <summary>Threads used by the GEMM (1 = PyTorch-comparable, 2 = both cores).</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    /// <summary>Builds the layer and input (the input requires grad so the data gradient is computed too).</summary>
    [GlobalSetup]
    public void Setup()
    {
        torch.set_num_threads(Threads);
        torch.manual_seed(0);
        _conv = torch.nn.Conv2d(48, 48, 5, padding: 2);
        _x = torch.randn(2, 48, 64, 64).requires_grad_();
    }

    /// <summary>Forward and backward of the summed output.</summary>
    [Benchmark]
    public void Conv2dForwardBackward()
    {
        using var scope = torch.NewDisposeScope();
        _conv.zero_grad();
        _x.grad?.zero_();
        _conv.forward(_x).sum().backward();
    }
}
