using RlFramework.Models;
using RlFramework.Models.Modules;
using RlFramework.Models.Serialization;

namespace RlFramework.Models.Tests;

public class ModuleTests
{
    private static Sequential Mlp(long seed)
    {
        torch.manual_seed(seed);
        return torch.nn.Sequential(torch.nn.Linear(4, 8), torch.nn.ReLU(), torch.nn.Linear(8, 2));
    }

    [Fact]
    public void NamedParametersFollowPyTorchNaming()
    {
        var m = Mlp(1);
        Assert.Equal(new[] { "0.weight", "0.bias", "2.weight", "2.bias" }, m.named_parameters().Select(p => p.name));
        var lstm = torch.nn.LSTM(3, 4, numLayers: 2);
        Assert.Equal(new[] { "weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0", "weight_ih_l1", "weight_hh_l1", "bias_ih_l1", "bias_hh_l1" },
            lstm.named_parameters().Select(p => p.name));
    }

    [Fact]
    public void TrainEvalAndZeroGrad()
    {
        var m = Mlp(2);
        m.eval();
        Assert.False(m.training);
        Assert.All(m.children(), c => Assert.False(c.training));
        m.train();
        torch.nn.functional.mse_loss(m.forward(torch.ones(3, 4)), torch.zeros(3, 2)).backward();
        Assert.Contains(m.parameters(), p => p.grad!.ToArray().Any(v => v != 0f));
        m.zero_grad();
        Assert.All(m.parameters(), p => Assert.All(p.grad!.ToArray(), v => Assert.Equal(0f, v)));
    }

    [Fact]
    public void TargetNetworkCopyIsExactAndIndependent()
    {
        var online = Mlp(3);
        var target = Mlp(4);
        target.load_state_dict(online.state_dict());
        var x = torch.randn(5, 4);
        Assert.Equal(online.forward(x).ToArray(), target.forward(x).ToArray());
        using (torch.no_grad()) online.parameters().First().add_(torch.ones(8, 4));
        Assert.NotEqual(online.forward(x).ToArray(), target.forward(x).ToArray());
    }

    [Fact]
    public void LoadStateDictRejectsWrongNamesAndShapes()
    {
        var m = Mlp(5);
        var bad = m.state_dict();
        bad["0.weight"] = torch.zeros(3, 3);
        var ex = Assert.Throws<ArgumentException>(() => m.load_state_dict(bad));
        Assert.Contains("0.weight", ex.Message);
        Assert.Contains("[3, 3]", ex.Message);
        Assert.Contains("[8, 4]", ex.Message);
        var missing = m.state_dict();
        missing.Remove("2.bias");
        missing["extra"] = torch.zeros(1);
        ex = Assert.Throws<ArgumentException>(() => m.load_state_dict(missing));
        Assert.Contains("2.bias", ex.Message);
        Assert.Contains("extra", ex.Message);
    }

    [Fact]
    public void InitialisersHaveTheirBoundsAndMoments()
    {
        var g = new Generator(9);
        var w = torch.empty(200, 300);
        torch.nn.init.xavier_uniform_(w, generator: g);
        double a = Math.Sqrt(6.0 / 500);
        Assert.All(w.ToArray(), v => Assert.InRange(v, -a, a));
        torch.nn.init.kaiming_normal_(w, nonlinearity: "relu", generator: g);
        var v2 = w.ToArray();
        double std = Math.Sqrt(v2.Select(v => (double)v * v).Average());
        Assert.InRange(std, Math.Sqrt(2.0 / 300) * 0.97, Math.Sqrt(2.0 / 300) * 1.03);
        torch.nn.init.kaiming_uniform_(w, a: Math.Sqrt(5), generator: g);
        Assert.All(w.ToArray(), v => Assert.InRange(v, -1 / Math.Sqrt(300), 1 / Math.Sqrt(300)));
        torch.nn.init.xavier_normal_(w, generator: g);
        std = Math.Sqrt(w.ToArray().Select(v => (double)v * v).Average());
        Assert.InRange(std, Math.Sqrt(2.0 / 500) * 0.97, Math.Sqrt(2.0 / 500) * 1.03);
    }
}
