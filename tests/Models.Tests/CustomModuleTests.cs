using RlFramework.Models;
using RlFramework.Models.Modules;

namespace RlFramework.Models.Tests;

/// <summary>A custom module written the TorchSharp way (fields + RegisterComponents).</summary>
internal sealed class DuelingNet : Module<Tensor, Tensor>
{
    private readonly Module<Tensor, Tensor> trunk;
    private readonly Linear value;
    private readonly Linear advantage;
    private readonly Parameter scale = new(torch.ones(1));

    public DuelingNet() : base("DuelingNet")
    {
        trunk = torch.nn.Sequential(torch.nn.Linear(4, 16), torch.nn.ReLU());
        value = torch.nn.Linear(16, 1);
        advantage = torch.nn.Linear(16, 2);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        var h = trunk.forward(input);
        var a = advantage.forward(h);
        return (value.forward(h) + a - a.mean(1, keepdim: true)) * scale;
    }
}

public class CustomModuleTests
{
    [Fact]
    public void RegisterComponentsFindsFieldsByName()
    {
        var m = new DuelingNet();
        Assert.Equal(new[] { "scale", "trunk.0.weight", "trunk.0.bias", "value.weight", "value.bias", "advantage.weight", "advantage.bias" },
            m.named_parameters().Select(p => p.name));
        var opt = torch.optim.Adam(m.parameters(), 1e-2);
        var x = torch.randn(8, 4);
        var before = m.forward(x).ToArray();
        opt.zero_grad();
        m.forward(x).square().mean().backward();
        opt.step();
        Assert.NotEqual(before, m.forward(x).ToArray());
    }
}
