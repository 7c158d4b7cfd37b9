using TS = TorchSharp.torch;

namespace RlFramework.Benchmarks.TorchSharpPeer;

/// <summary>The five Models workloads (benchmarks/README.md, "## Models") written with TorchSharp, one method per workload,
/// the same shapes and operations as the BenchmarkDotNet classes in benchmarks/RlFramework.Benchmarks/Models.</summary>
internal sealed class TorchSharpWorkloads
{
    private readonly TorchSharp.Modules.Sequential _net;
    private readonly TorchSharp.Modules.Adam _adam;
    private readonly TS.Tensor _x, _y, _obs, _seq, _image;
    private readonly TorchSharp.Modules.LSTM _lstm;
    private readonly TorchSharp.Modules.Conv2d _conv;

    /// <summary>Builds every module and input once (seed 0, one thread).</summary>
    public TorchSharpWorkloads()
    {
        TS.set_num_threads(1);
        TS.manual_seed(0);
        _net = DqnNetwork();
        _adam = TS.optim.Adam(_net.parameters(), 1e-3);
        _x = TS.randn(128, 4);
        _y = TS.randn(128, 2);
        _obs = TS.randn(1, 4);
        _lstm = TS.nn.LSTM(6, 32);
        _seq = TS.randn(10, 32, 6);
        _conv = TS.nn.Conv2d(48, 48, 5, padding: 2);
        _image = TS.randn(2, 48, 64, 64).requires_grad_();
    }

    /// <summary>The DQN MLP 4→120→84→2 with the state-dict names of our Sequential ("0.weight" … "4.bias").</summary>
    public static TorchSharp.Modules.Sequential DqnNetwork() => TS.nn.Sequential(
        ("0", TS.nn.Linear(4, 120)), ("1", TS.nn.ReLU()), ("2", TS.nn.Linear(120, 84)), ("3", TS.nn.ReLU()), ("4", TS.nn.Linear(84, 2)));

    /// <summary>Workload 1: forward, MSE, backward, Adam step on a batch of 128.</summary>
    public float DqnUpdate()
    {
        using var scope = TS.NewDisposeScope();
        _adam.zero_grad();
        var loss = TS.nn.functional.mse_loss(_net.forward(_x), _y);
        loss.backward();
        _adam.step();
        return loss.item<float>();
    }

    /// <summary>Workload 2: forward of one observation under no_grad and argmax.</summary>
    public long ActionSelection()
    {
        using var scope = TS.NewDisposeScope();
        using var ng = TS.no_grad();
        return _net.forward(_obs).argmax().item<long>();
    }

    /// <summary>Workload 3: LSTM forward over 10 steps and backward through time of the summed outputs.</summary>
    public void LstmForwardBackward()
    {
        using var scope = TS.NewDisposeScope();
        _lstm.zero_grad();
        var (output, _, _) = _lstm.forward(_seq);
        output.sum().backward();
    }

    /// <summary>Workload 4: Conv2d forward and backward (input and parameter gradients).</summary>
    public void Conv2dForwardBackward()
    {
        using var scope = TS.NewDisposeScope();
        _conv.zero_grad();
        _image.grad?.zero_();
        _conv.forward(_image).sum().backward();
    }

    /// <summary>Workload 5: an N×N·N×N product under no_grad; returns the operation (operands made once).</summary>
    public static Action Sgemm(int n)
    {
        var a = TS.randn(n, n);
        var b = TS.randn(n, n);
        return () =>
        {
            using var scope = TS.NewDisposeScope();
            using var ng = TS.no_grad();
            a.mm(b);
        };
    }
}
