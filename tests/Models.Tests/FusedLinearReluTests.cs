using FsCheck;
using FsCheck.Xunit;
using RlFramework.Models.Modules;

namespace RlFramework.Models.Tests;

/// <summary>
/// Sequential runs Linear + ReLU as one fused op (bias and clamp in the GEMM epilogue, one tape node); its values and
/// gradients must be bit-identical to the two ops applied one after the other.
/// </summary>
public class FusedLinearReluTests
{
    // Layer sizes covering the GEMM paths: 16-wide and masked 8-wide panels, thin outputs (dot products) and K < 8.
    [Property(MaxTest = 25)]
    public bool FusedEqualsSeparateOps(PositiveInt rowsI, PositiveInt inI, PositiveInt hiddenI, PositiveInt outI)
    {
        int rows = rowsI.Get % 140 + 1, inF = inI.Get % 12 + 1, hidden = hiddenI.Get % 130 + 1, outF = outI.Get % 6 + 1;
        torch.manual_seed(rows * 1000 + hidden);
        var net = torch.nn.Sequential(torch.nn.Linear(inF, hidden), torch.nn.ReLU(), torch.nn.Linear(hidden, outF), torch.nn.ReLU());
        var l0 = (Linear)net[0];
        var l2 = (Linear)net[2];
        var x = torch.randn(rows, inF).requires_grad_();

        var fused = net.forward(x);
        fused.sum().backward();
        var fusedValues = fused.ToArray();
        var fusedGrads = Grads(x, l0, l2);
        net.zero_grad();
        x.grad!.zero_();

        var h = torch.nn.functional.relu(torch.nn.functional.linear(x, l0.weight, l0.bias));
        var separate = torch.nn.functional.relu(torch.nn.functional.linear(h, l2.weight, l2.bias));
        separate.sum().backward();
        return fusedValues.AsSpan().SequenceEqual(separate.ToArray()) && fusedGrads.AsSpan().SequenceEqual(Grads(x, l0, l2));
    }

    private static float[] Grads(Tensor x, Linear a, Linear b) =>
        [.. x.grad!.ToArray(), .. a.weight.grad!.ToArray(), .. a.bias!.grad!.ToArray(), .. b.weight.grad!.ToArray(), .. b.bias!.grad!.ToArray()];

    [Fact]
    public void FusedPairKeepsNaN()
    {
        var net = torch.nn.Sequential(torch.nn.Linear(3, 20), torch.nn.ReLU());
        var y = net.forward(torch.tensor([float.NaN, 1f, 2f], [1, 3])).ToArray();
        Assert.All(y, v => Assert.True(float.IsNaN(v)));
    }
}
