using RlFramework.Models;

namespace RlFramework.Models.Tests;

/// <summary>Steady-state loops allocate nothing (tensors, tape nodes and scratch buffers are pooled).</summary>
public class AllocationTests
{
    private static long BytesPerIteration(Action step)
    {
        for (int i = 0; i < 200; i++) step();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 20; i++) step();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    [Fact]
    public void DqnUpdateAndActionSelectionAllocateNothing()
    {
        torch.manual_seed(0);
        var net = torch.nn.Sequential(torch.nn.Linear(4, 120), torch.nn.ReLU(), torch.nn.Linear(120, 84), torch.nn.ReLU(), torch.nn.Linear(84, 2));
        var target = torch.nn.Sequential(torch.nn.Linear(4, 120), torch.nn.ReLU(), torch.nn.Linear(120, 84), torch.nn.ReLU(), torch.nn.Linear(84, 2));
        var opt = torch.optim.Adam(net.parameters(), 1e-3);
        var x = torch.randn(128, 4);
        var y = torch.randn(128, 2);
        var obs = torch.randn(1, 4);
        var actions = torch.randint(0, 2, [128, 1]);
        var rewards = torch.ones(128);
        var dones = torch.randint(0, 2, [128]);
        Assert.Equal(0, BytesPerIteration(() =>
        {
            using var scope = torch.NewDisposeScope();
            opt.zero_grad();
            Tensor tq;
            using (torch.no_grad()) tq = target.forward(x).max(1).values;
            var q = net.forward(x).gather(1, actions).squeeze(1);
            var loss = torch.nn.functional.smooth_l1_loss(q, rewards + 0.99f * tq * (1f - dones));
            loss.backward();
            torch.nn.utils.clip_grad_norm_(opt.parameters(), 10.0);
            opt.step();
        }));
        Assert.Equal(0, BytesPerIteration(() =>
        {
            using var scope = torch.NewDisposeScope();
            using var ng = torch.no_grad();
            _ = net.forward(obs).argmax().item<long>();
        }));
    }

    [Fact]
    public void LstmTrainingStepAllocatesNothing()
    {
        torch.manual_seed(0);
        var lstm = torch.nn.LSTM(6, 32);
        var head = torch.nn.Linear(32, 1);
        var opt = torch.optim.Adam(lstm.parameters().Concat(head.parameters()), 1e-3);
        var x = torch.randn(10, 32, 6);
        var y = torch.randn(10, 32, 1);
        Assert.Equal(0, BytesPerIteration(() =>
        {
            using var scope = torch.NewDisposeScope();
            opt.zero_grad();
            var (o, _, _) = lstm.forward(x, null);
            torch.nn.functional.mse_loss(head.forward(o), y).backward();
            opt.step();
        }));
    }

    [Fact]
    public void ClassifierStepWithCrossEntropyAndSoftmaxAllocatesNothing()
    {
        torch.manual_seed(0);
        var net = torch.nn.Sequential(torch.nn.Linear(8, 32), torch.nn.Tanh(), torch.nn.Linear(32, 5));
        var opt = torch.optim.SGD(net.parameters(), 0.1, momentum: 0.9);
        var x = torch.randn(64, 8);
        var y = torch.randint(0, 5, [64]);
        Assert.Equal(0, BytesPerIteration(() =>
        {
            using var scope = torch.NewDisposeScope();
            opt.zero_grad();
            var logits = net.forward(x);
            var entropy = -(logits.softmax(1) * logits.log_softmax(1)).sum(1).mean();
            (torch.nn.functional.cross_entropy(logits, y) - 0.01f * entropy).backward();
            opt.step();
        }));
    }
}
