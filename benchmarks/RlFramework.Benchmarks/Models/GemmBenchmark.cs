using BenchmarkDotNet.Attributes;
using RlFramework.Models;

namespace RlFramework.Benchmarks.Models;

/// <summary>Workload 5 of issue 3: SGEMM N×N·N×N (GFLOP/s = 2N³ / time).</summary>
[MemoryDiagnoser]
public class GemmBenchmark
{
    private Tensor _a = null!, _b = null!;

    /// <summary>Matrix size.</summary>
    [Params(512, 1024)]
    public int N { get; set; }

    /// <summary>Threads used by the GEMM.</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    /// <summary>Creates the operands.</summary>
    [GlobalSetup]
    public void Setup()
    {
        torch.set_num_threads(Threads);
        torch.manual_seed(0);
        _a = torch.randn(N, N);
        _b = torch.randn(N, N);
    }

    /// <summary>One matrix product (result storage pooled).</summary>
    [Benchmark]
    public void Sgemm()
    {
        using var scope = torch.NewDisposeScope();
        using var ng = torch.no_grad();
        _a.mm(_b);
    }
}
