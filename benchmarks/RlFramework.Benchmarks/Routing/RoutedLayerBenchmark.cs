using BenchmarkDotNet.Attributes;
using RlFramework.Models;
using RlFramework.Models.Modules;
using RlFramework.Models.Routing;

namespace RlFramework.Benchmarks.Routing;

/// <summary>
/// A routed layer of 4 modules (Linear 64→64 + ReLU) on a batch of 128 samples with random per-sample routes, forward
/// and backward: grouped by module (one batched product per module, as <see cref="RoutedLayer.Forward"/> does) against
/// running every sample through its module on its own.
/// </summary>
[MemoryDiagnoser]
public class RoutedLayerBenchmark
{
    private const int Batch = 128, Width = 64, Modules = 4;
    private RoutedLayer _layer = null!;
    private Tensor _x = null!;
    private int[] _routes = null!;

    /// <summary>Builds the layer, the input and the routes.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var g = new Generator(0);
        _layer = new RoutedLayer(Enumerable.Range(0, Modules)
            .Select(_ => (Module<Tensor, Tensor>)torch.nn.Sequential(torch.nn.Linear(Width, Width, generator: g), torch.nn.ReLU())).ToArray());
        var data = new float[Batch * Width];
        g.FillNormal(data, 0, 1);
        _x = torch.tensor(data, [Batch, Width]);
        _routes = Enumerable.Range(0, Batch).Select(_ => (int)g.NextInt64(Modules)).ToArray();
    }

    /// <summary>Grouped by module: one batched forward per module.</summary>
    [Benchmark(Baseline = true)]
    public void Grouped()
    {
        using var scope = torch.NewDisposeScope();
        _layer.zero_grad();
        _layer.Forward(_x, _routes).sum().backward();
    }

    /// <summary>Sample by sample: one forward of a single row per sample.</summary>
    [Benchmark]
    public void PerSample()
    {
        using var scope = torch.NewDisposeScope();
        _layer.zero_grad();
        var rows = new Tensor[Batch];
        for (int i = 0; i < Batch; i++) rows[i] = _layer[_routes[i]].forward(_x.narrow(0, i, 1));
        torch.cat(rows, 0).sum().backward();
    }
}
