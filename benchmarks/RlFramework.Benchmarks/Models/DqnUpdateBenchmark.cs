using BenchmarkDotNet.Attributes;
using RlFramework.Models;
using RlFramework.Models.Modules;
using RlFramework.Models.Optimizers;

namespace RlFramework.Benchmarks.Models;

/// <summary>Workloads 1 and 2 of issue 3: DQN update (MLP 4→120→84→2, batch 128, MSE, Adam) and single-observation action
/// selection; plus the DQN agent's whole gradient step (target network, gathered Q-values).</summary>
[MemoryDiagnoser]
public class DqnUpdateBenchmark
{
    private Sequential _net = null!, _target = null!;
    private Optimizer _opt = null!;
    private Tensor _x = null!, _y = null!, _obs = null!, _next = null!, _actions = null!;

    /// <summary>Builds the network, optimizer and a fixed batch.</summary>
    [GlobalSetup]
    public void Setup()
    {
        torch.set_num_threads(1);
        torch.manual_seed(0);
        _net = torch.nn.Sequential(torch.nn.Linear(4, 120), torch.nn.ReLU(), torch.nn.Linear(120, 84), torch.nn.ReLU(), torch.nn.Linear(84, 2));
        _opt = torch.optim.Adam(_net.parameters(), 1e-3);
        _x = torch.randn(128, 4);
        _y = torch.randn(128, 2);
        _obs = torch.randn(1, 4);
        _target = torch.nn.Sequential(torch.nn.Linear(4, 120), torch.nn.ReLU(), torch.nn.Linear(120, 84), torch.nn.ReLU(), torch.nn.Linear(84, 2));
        _next = torch.randn(128, 4);
        _actions = torch.tensor(Enumerable.Range(0, 128).Select(i => (float)(i % 2)).ToArray(), 128, 1);
    }

    /// <summary>One DQN gradient step as the agent takes it (CleanRL's defaults): target network max over the next
    /// observations under no_grad, Q-values of the taken actions, MSE, backward, Adam.</summary>
    [Benchmark]
    public float DqnLearnStep()
    {
        using var scope = torch.NewDisposeScope();
        Tensor target;
        using (torch.no_grad()) target = _target.forward(_next).max(1).values;
        var loss = torch.nn.functional.mse_loss(_net.forward(_x).gather(1, _actions).squeeze(1), target);
        _opt.zero_grad();
        loss.backward();
        _opt.step();
        return loss.item<float>();
    }

    /// <summary>forward, MSE loss, backward, Adam step on a batch of 128.</summary>
    [Benchmark]
    public float DqnUpdate()
    {
        using var scope = torch.NewDisposeScope();
        _opt.zero_grad();
        var loss = torch.nn.functional.mse_loss(_net.forward(_x), _y);
        loss.backward();
        _opt.step();
        return loss.item<float>();
    }

    /// <summary>Forward of one observation under no_grad and argmax.</summary>
    [Benchmark]
    public long ActionSelection()
    {
        using var scope = torch.NewDisposeScope();
        using var ng = torch.no_grad();
        return _net.forward(_obs).argmax().item<long>();
    }
}
