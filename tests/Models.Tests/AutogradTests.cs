using RlFramework.Models;

namespace RlFramework.Models.Tests;

public class AutogradTests
{
    [Fact]
    public void GradientsAccumulateAcrossBackwardCalls()
    {
        var x = torch.tensor([1f, 2f, 3f], requires_grad: true);
        (x * x).sum().backward();
        (x * 3f).sum().backward();
        Assert.Equal(new[] { 5f, 7f, 9f }, x.grad!.ToArray());
    }

    [Fact]
    public void ReusedInputGetsSummedGradient()
    {
        var x = torch.tensor([2f], requires_grad: true);
        var y = x * x + x.exp() * x; // dy/dx = 2x + e^x (1 + x)
        y.sum().backward();
        Assert.Equal(4f + MathF.Exp(2f) * 3f, x.grad!.ToArray()[0], 4);
    }

    [Fact]
    public void NoGradRecordsNothing()
    {
        var x = torch.tensor([1f, 2f], requires_grad: true);
        Tensor y;
        using (torch.no_grad())
        {
            Assert.False(torch.is_grad_enabled());
            y = x * 2f;
        }
        Assert.True(torch.is_grad_enabled());
        Assert.False(y.requires_grad);
        Assert.Null(y.grad_fn);
        var ex = Assert.Throws<InvalidOperationException>(() => y.sum().backward());
        Assert.Contains("does not require grad", ex.Message);
    }

    [Fact]
    public void DetachCutsTheGraph()
    {
        var x = torch.tensor([1f, 2f], requires_grad: true);
        var y = (x * 2f).detach() * x;
        y.sum().backward();
        Assert.Equal(new[] { 2f, 4f }, x.grad!.ToArray());
    }

    [Fact]
    public void BackwardWithoutGraphSaysSo()
    {
        var x = torch.tensor([1f, 2f]);
        var ex = Assert.Throws<InvalidOperationException>(() => x.sum().backward());
        Assert.Contains("no graph", ex.Message);
    }

    [Fact]
    public void SecondBackwardThroughFreedGraphSaysSo()
    {
        var x = torch.tensor([1f, 2f], requires_grad: true);
        var y = (x * x).sum();
        y.backward();
        var ex = Assert.Throws<InvalidOperationException>(() => y.backward());
        Assert.Contains("second time", ex.Message);
    }

    [Fact]
    public void NonScalarBackwardNeedsGradient()
    {
        var x = torch.tensor([1f, 2f], requires_grad: true);
        var ex = Assert.Throws<InvalidOperationException>(() => (x * 2f).backward());
        Assert.Contains("[2]", ex.Message);
        (x * 2f).backward(torch.tensor([1f, 10f]));
        Assert.Equal(new[] { 2f, 20f }, x.grad!.ToArray());
    }

    [Fact]
    public void ShapeMismatchNamesOpAndBothShapes()
    {
        var a = torch.zeros(2, 3);
        var b = torch.zeros(4, 5);
        var ex = Assert.Throws<ArgumentException>(() => a.mm(b));
        Assert.Contains("mm", ex.Message);
        Assert.Contains("[2, 3]", ex.Message);
        Assert.Contains("[4, 5]", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => a + torch.zeros(4));
        Assert.Contains("add", ex.Message);
        Assert.Contains("[2, 3]", ex.Message);
        Assert.Contains("[4]", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => torch.nn.Linear(4, 2).forward(torch.zeros(3, 5)));
        Assert.Contains("linear", ex.Message);
        Assert.Contains("[3, 5]", ex.Message);
        Assert.Contains("[2, 4]", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => torch.nn.functional.mse_loss(torch.zeros(3, 2), torch.zeros(3)));
        Assert.Contains("mse_loss", ex.Message);
        Assert.Contains("[3, 2]", ex.Message);
    }

    [Fact]
    public void AnomalyModeReportsFirstOpProducingNaN()
    {
        torch.autograd.set_detect_anomaly(true);
        try
        {
            var x = torch.tensor([-1f, 4f], requires_grad: true);
            var ex = Assert.Throws<InvalidOperationException>(() => x.exp().mul(2f).sub(3f).log().sqrt());
            Assert.Contains("'log'", ex.Message);
            // Backward anomaly: sqrt at 0 has an infinite derivative.
            var z = torch.tensor([0f, 1f], requires_grad: true);
            var y = z.sqrt().sum();
            ex = Assert.Throws<InvalidOperationException>(() => y.backward());
            Assert.Contains("backward of 'sqrt'", ex.Message);
        }
        finally
        {
            torch.autograd.set_detect_anomaly(false);
        }
        var w = torch.tensor([-1f]).log(); // no error when off
        Assert.True(float.IsNaN(w.ToArray()[0]));
    }

    [Fact]
    public void InPlaceOnLeafRequiringGradNeedsNoGrad()
    {
        var p = torch.zeros(3).requires_grad_();
        Assert.Throws<InvalidOperationException>(() => p.fill_(1f));
        using (torch.no_grad()) p.fill_(1f);
        Assert.Equal(new[] { 1f, 1f, 1f }, p.ToArray());
    }

    [Fact]
    public void ViewsShareStorageAndPropagateGradients()
    {
        var x = torch.arange(6).reshape(2, 3);
        var v = x.reshape(3, 2);
        v.data<float>()[0] = 42f;
        Assert.Equal(42f, x.ToArray()[0]);
        var r = x.narrow(0, 1, 1);
        Assert.Equal(new[] { 3f, 4f, 5f }, r.ToArray());
        var p = torch.ones(2, 3).requires_grad_();
        (p.reshape(6) * torch.arange(6)).sum().backward();
        Assert.Equal(new[] { 0f, 1f, 2f, 3f, 4f, 5f }, p.grad!.ToArray());
    }

    [Fact]
    public void DisposeScopeReturnsIntermediatesAndKeepsMovedTensors()
    {
        Tensor kept, dropped;
        using (var scope = torch.NewDisposeScope())
        {
            var a = torch.ones(4);
            dropped = a * 2f;
            kept = (a + 1f).MoveToOuterDisposeScope();
            Assert.True(scope.Count >= 3);
        }
        Assert.Equal(new[] { 2f, 2f, 2f, 2f }, kept.ToArray());
        Assert.Throws<ObjectDisposedException>(() => dropped.ToArray());
    }

    [Fact]
    public void ArgmaxAndItem()
    {
        var q = torch.tensor([0.1f, 0.9f, 0.3f, 2f, -1f, 0.5f], [2, 3]);
        Assert.Equal(new[] { 1f, 0f }, q.argmax(1).ToArray());
        Assert.Equal(3L, q.argmax().item<long>());
        var (v, i) = q.max(1);
        Assert.Equal(new[] { 0.9f, 2f }, v.ToArray());
        Assert.Equal(new[] { 1f, 0f }, i.ToArray());
    }
}
