using BenchmarkDotNet.Attributes;
using RlFramework.Models;
using RlFramework.Models.Modules;

namespace RlFramework.Benchmarks.Models;

/// <summary>Workload 3 of issue 3: LSTM 32 units, input 6, batch 32, 10 steps, forward + BPTT backward.</summary>
[MemoryDiagnoser]
public class LstmBenchmark
{
    private LSTM _lstm = null!;
    private Tensor _x = null!;

    /// <summary>Builds the LSTM and a fixed input sequence.</summary>
    [GlobalSetup]
    public void Setup()
    {
        torch.set_num_threads(1);
        torch.manual_seed(0);
        _lstm = torch.nn.LSTM(6, 32);
        _x = torch.randn(10, 32, 6);
    }

    /// <summary>Forward over 10 steps and backward through time of the summed outputs.</summary>
    [Benchmark]
    public void LstmForwardBackward()
    {
        using var scope = torch.NewDisposeScope();
        _lstm.zero_grad();
        var (output, _, _) = _lstm.forward(_x, null);
        output.sum().backward();
    }
}
