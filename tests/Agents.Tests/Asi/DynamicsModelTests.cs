using RlFramework.Agents.Asi;
using RlFramework.Models;

namespace RlFramework.Agents.Tests.Asi;

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
            foreach (var (name, p) in model.named_parameters())
                if (name.StartsWith("features.", StringComparison.Ordinal)) p.data<float>().Clear();
        var a = torch.zeros(1, 3, 5, 5);
        var b = torch.ones(1, 3, 5, 5);
        Assert.NotEqual(model.forward(a).ToArray(), model.forward(b).ToArray());
    }

    [Fact]
    public void RejectsNonFrames()
    {
        var model = new DynamicsModel(2, new Generator(4));
        Assert.Contains("[N, 3, H, W]", Assert.Throws<ArgumentException>(() => model.forward(torch.zeros(1, 4, 5, 5))).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new DynamicsModel(0, new Generator(1)));
    }
}
