using RlFramework.Agents.Trainers.Asi;
using RlFramework.Models;

namespace RlFramework.Agents.Tests.Trainers.Asi;

public class DynamicsModelTests
{
    [Fact]
    public void HasThePapersLayersAndInit()
    {
        var model = new DynamicsModel(4, new Generator(1));
        var shapes = model.named_parameters().Select(p => (p.name, shape: string.Join("x", p.parameter.shape))).ToArray();
        Assert.Equal(
            [("features.0.weight", "4x3x5x5"), ("features.0.bias", "4"), ("features.2.weight", "4x4x5x5"), ("features.2.bias", "4"),
             ("features.4.weight", "4x4x5x5"), ("features.4.bias", "4"), ("features.6.weight", "4x4x7x7"), ("features.6.bias", "4"),
             ("features.8.weight", "4x4x5x5"), ("features.8.bias", "4"), ("mix.weight", "4x7x1x1"), ("mix.bias", "4"),
             ("output.weight", "3x4x1x1"), ("output.bias", "3")],
            shapes);
        foreach (var (name, p) in model.named_parameters())
        {
            var v = p.data<float>().ToArray();
            if (name.EndsWith("bias", StringComparison.Ordinal)) { Assert.All(v, x => Assert.Equal(0f, x)); continue; }
            var s = p.shape;
            double bound = Math.Sqrt(6.0 / (s[1] * s[2] * s[3])); // He-uniform: U(±√(6/fan_in))
            Assert.All(v, x => Assert.InRange(x, -bound, bound));
            Assert.True(v.Max() > 0.8 * bound && v.Min() < -0.8 * bound, $"{name} does not fill U(±{bound:G3})");
        }
    }

    [Fact]
    public void KeepsTheFrameSizeAndPredictsProbabilities()
    {
        var model = new DynamicsModel(3, new Generator(2));
        var x = torch.rand([2, 3, 11, 7], new Generator(3));
        var y = model.forward(x);
        Assert.Equal([2L, 3, 11, 7], y.shape);
        Assert.All(y.ToArray(), v => Assert.InRange(v, 0f, 1f));
    }

    [Fact]
    public void SeesTheInputFrameThroughTheSkipConnection()
    {
        // With every feature weight zero the output depends on the frame only through the concatenation.
        var model = new DynamicsModel(2, new Generator(4));
        using (torch.no_grad())
        {
            foreach (var (name, p) in model.named_parameters())
                if (name.StartsWith("features.", StringComparison.Ordinal)) p.data<float>().Clear();
        }

        var a = torch.zeros(1, 3, 5, 5);
        var b = torch.ones(1, 3, 5, 5);
        Assert.NotEqual(model.forward(a).ToArray(), model.forward(b).ToArray());
    }

    [Theory]
    [InlineData(AsiArchitecture.Strided, 11, 7)]
    [InlineData(AsiArchitecture.Strided, 12, 8)]
    [InlineData(AsiArchitecture.Dilated, 11, 7)]
    public void VariantsKeepTheFrameSize(AsiArchitecture architecture, int height, int width)
    {
        var model = new DynamicsModel(3, architecture, new Generator(2));
        var y = model.forward(torch.rand([2, 3, height, width], new Generator(3)));
        Assert.Equal([2L, 3, height, width], y.shape);
        Assert.All(y.ToArray(), v => Assert.InRange(v, 0f, 1f));
    }

    [Theory]
    [InlineData(AsiArchitecture.Plain)]
    [InlineData(AsiArchitecture.Strided)]
    [InlineData(AsiArchitecture.Dilated)]
    public void ResidualModelStartsByPredictingItsInput(AsiArchitecture architecture)
    {
        var model = new DynamicsModel(3, architecture, new Generator(2), residual: true);
        var x = torch.rand([2, 3, 9, 8], new Generator(3));
        var y = model.forward(x).ToArray();
        var expected = x.ToArray().Select(v => Math.Clamp(v, DynamicsModel.ResidualClamp, 1 - DynamicsModel.ResidualClamp)).ToArray();
        for (int i = 0; i < y.Length; i++) Assert.Equal(expected[i], y[i], 1e-5);
        Assert.NotEqual(x.ToArray(), new DynamicsModel(3, architecture, new Generator(2)).forward(x).ToArray());
    }

    [Fact]
    public void ResidualModelLearnsToMoveADot()
    {
        // A dot one pixel right of where it was: the residual model must learn to erase it and draw it anew.
        var x = torch.zeros(1, 3, 6, 6);
        var y = torch.zeros(1, 3, 6, 6);
        x.data<float>()[2 * 6 + 2] = 1;
        y.data<float>()[2 * 6 + 3] = 1;
        var model = new DynamicsModel(4, AsiArchitecture.Plain, new Generator(5), residual: true);
        var adam = torch.optim.Adam(model.parameters(), 1e-2);
        double first = 0, last = 0;
        for (int step = 0; step < 200; step++)
        {
            adam.zero_grad();
            var loss = torch.nn.functional.binary_cross_entropy(model.forward(x), y);
            loss.backward();
            adam.step();
            if (step == 0) first = loss.item<float>();
            last = loss.item<float>();
        }
        var p = model.forward(x).data<float>();
        Assert.True(last < 0.2 * first, $"loss went from {first:G3} to {last:G3}");
        Assert.True(p[2 * 6 + 3] > 0.5 && p[2 * 6 + 2] < 0.5, $"dot at the new pixel {p[2 * 6 + 3]:G3}, at the old {p[2 * 6 + 2]:G3}");
    }

    [Fact]
    public void StridedVariantHalvesTheResolutionInside()
    {
        var model = new DynamicsModel(4, AsiArchitecture.Strided, new Generator(1));
        var shapes = model.named_parameters().Select(p => (p.name, shape: string.Join("x", p.parameter.shape))).ToArray();
        Assert.Equal(
            [("features.0.weight", "4x3x5x5"), ("features.0.bias", "4"), ("features.2.weight", "4x4x5x5"), ("features.2.bias", "4"),
             ("features.4.weight", "4x4x5x5"), ("features.4.bias", "4"), ("upsample.weight", "4x4x5x5"), ("upsample.bias", "4"),
             ("refine.weight", "4x4x5x5"), ("refine.bias", "4"), ("mix.weight", "4x7x1x1"), ("mix.bias", "4"),
             ("output.weight", "3x4x1x1"), ("output.bias", "3")],
            shapes);
    }

    /// <summary>How far (Chebyshev distance, px) from a changed input pixel the output changes.</summary>
    private static int Reach(AsiArchitecture architecture)
    {
        const int n = 61, c = n / 2;
        var model = new DynamicsModel(4, architecture, new Generator(5));
        using var noGrad = torch.no_grad();
        var frame = torch.rand([1, 3, n, n], new Generator(6)).ToArray();
        var before = model.forward(torch.tensor(frame, 1, 3, n, n)).ToArray();
        for (int ch = 0; ch < 3; ch++) frame[ch * n * n + c * n + c] = 1 - frame[ch * n * n + c * n + c];
        var after = model.forward(torch.tensor(frame, 1, 3, n, n)).ToArray();
        int reach = 0;
        for (int i = 0; i < before.Length; i++)
            if (before[i] != after[i]) reach = Math.Max(reach, Math.Max(Math.Abs(i % (n * n) / n - c), Math.Abs(i % n - c)));
        return reach;
    }

    [Fact]
    public void DilatedAndStridedVariantsSeeFarther()
    {
        // Plain: receptive field 5 + 4 + 4 + 6 + 4 = 23 px, so a change reaches at most 11 px. Dilated (the 7×7 conv
        // dilated by 2): 5 + 4 + 4 + 12 + 4 = 29 px, at most 14. Strided: 2 + 2 px at full resolution, 2 + 2 half-resolution
        // px (the third conv and the transposed one) = 4 + 4 px, 2 px of the last conv: at most 14.
        Assert.InRange(Reach(AsiArchitecture.Plain), 9, 11);
        Assert.InRange(Reach(AsiArchitecture.Dilated), 13, 14);
        Assert.InRange(Reach(AsiArchitecture.Strided), 12, 14);
    }

    [Fact]
    public void RejectsNonFrames()
    {
        var model = new DynamicsModel(2, new Generator(4));
        Assert.Contains("[N, 3, H, W]", Assert.Throws<ArgumentException>(() => model.forward(torch.zeros(1, 4, 5, 5))).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new DynamicsModel(0, new Generator(1)));
    }
}
