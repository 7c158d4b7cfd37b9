using System.Text.Json;
using RlFramework.Models;
using RlFramework.Models.Modules;
using RlFramework.Models.Optimizers;

namespace RlFramework.Models.Tests;

/// <summary>Layers, optimizers, schedulers and clipping against PyTorch 1.13.</summary>
public class GoldenLayerTests
{
    public static IEnumerable<object[]> Layers => Fixture.Names("layers");

    public static IEnumerable<object[]> Optimizers => Fixture.Names("optimizers");

    public static IEnumerable<object[]> Schedulers => Fixture.Names("schedulers");

    private static Module Build(JsonElement c)
    {
        var a = c.GetProperty("args");
        int I(string k) => a.GetProperty(k).GetInt32();
        return c.GetProperty("kind").GetString() switch
        {
            "Linear" => torch.nn.Linear(I("in"), I("out")),
            "LSTMCell" => torch.nn.LSTMCell(I("in"), I("hidden")),
            "LSTM" => torch.nn.LSTM(I("in"), I("hidden"), I("layers"), batchFirst: a.TryGetProperty("batch_first", out var bf) && bf.GetBoolean()),
            "Conv2d" => torch.nn.Conv2d(I("in"), I("out"), I("k"), I("stride"), I("padding")),
            "ConvTranspose2d" => torch.nn.ConvTranspose2d(I("in"), I("out"), I("k"), I("stride"), I("padding")),
            var k => throw new NotSupportedException(k),
        };
    }

    private static Tensor Forward(string name, Module m, Tensor x) => (name, m) switch
    {
        (_, Linear l) => l.forward(x),
        (_, Conv2d c) => c.forward(x),
        (_, ConvTranspose2d c) => c.forward(x),
        (_, LSTMCell cell) => cell.forward(x, null) is var (h, c) ? torch.cat([h, c], 1) : throw new InvalidOperationException(),
        ("lstm_2layer", LSTM lstm) => lstm.forward(x, null) is var (o, hn, cn) ? torch.cat([o.reshape(-1), hn.reshape(-1), cn.reshape(-1)]) : throw new InvalidOperationException(),
        (_, LSTM lstm) => lstm.forward(x, null).output,
        _ => throw new NotSupportedException(name),
    };

    [Theory]
    [MemberData(nameof(Layers))]
    public void LayerMatchesPyTorch(string name)
    {
        var c = Fixture.Find("layers", name);
        var m = Build(c);
        var src = c.GetProperty("params").EnumerateObject().ToDictionary(p => p.Name, p => Fixture.ToTensor(p.Value));
        m.load_state_dict(src);
        var x = Fixture.ToTensor(c.GetProperty("input"), requiresGrad: true);
        var y = Forward(name, m, x);
        Fixture.AssertClose(c.GetProperty("output"), y, what: name + " output");
        (y * Fixture.ToTensor(c.GetProperty("upstream"))).sum().backward();
        Fixture.AssertClose(c.GetProperty("input_grad"), x.grad!, 1e-5, 2e-6, name + " input grad");
        var named = m.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        foreach (var g in c.GetProperty("param_grads").EnumerateObject())
            Fixture.AssertClose(g.Value, named[g.Name].grad!, 1e-5, 2e-6, $"{name} grad of {g.Name}");
    }

    [Fact]
    public void DefaultInitBoundsFollowPyTorch()
    {
        torch.manual_seed(5);
        var l = torch.nn.Linear(100, 50);
        float bound = 1f / MathF.Sqrt(100);
        Assert.All(l.weight.ToArray(), v => Assert.InRange(v, -bound, bound));
        Assert.True(l.weight.ToArray().Max() > 0.9f * bound && l.weight.ToArray().Min() < -0.9f * bound);
        var cell = torch.nn.LSTMCell(3, 16);
        Assert.Equal(new long[] { 64, 3 }, cell.weight_ih.shape);
        Assert.All(cell.weight_hh.ToArray(), v => Assert.InRange(v, -0.25f, 0.25f));
    }

    internal static Optimizer MakeOptimizer(JsonElement a, IEnumerable<Parameter> ps)
    {
        double D(string k, double d) => a.TryGetProperty(k, out var v) ? v.GetDouble() : d;
        bool B(string k) => a.TryGetProperty(k, out var v) && v.GetBoolean();
        return a.GetProperty("type").GetString() switch
        {
            "SGD" => torch.optim.SGD(ps, D("lr", 0), D("momentum", 0), D("dampening", 0), D("weight_decay", 0), B("nesterov")),
            "Adam" => torch.optim.Adam(ps, D("lr", 1e-3), D("beta1", 0.9), D("beta2", 0.999), weight_decay: D("weight_decay", 0), amsgrad: B("amsgrad")),
            "AdamW" => torch.optim.AdamW(ps, D("lr", 1e-3)),
            "RMSprop" => torch.optim.RMSprop(ps, D("lr", 0.01), weight_decay: D("weight_decay", 0), momentum: D("momentum", 0), centered: B("centered")),
            "Adadelta" => torch.optim.Adadelta(ps, D("lr", 1.0), D("rho", 0.9), weight_decay: D("weight_decay", 0)),
            var t => throw new NotSupportedException(t),
        };
    }

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void OptimizerMatchesPyTorch(string name)
    {
        var c = Fixture.Find("optimizers", name);
        var prob = Fixture.Root.GetProperty("optim_problem");
        var ps = prob.GetProperty("p_init").EnumerateArray().Select(e => new Parameter(Fixture.ToTensor(e))).ToArray();
        var w = prob.GetProperty("w").EnumerateArray().Select(e => Fixture.ToTensor(e)).ToArray();
        var u = prob.GetProperty("u").EnumerateArray().Select(e => Fixture.ToTensor(e)).ToArray();
        var opt = MakeOptimizer(c.GetProperty("args"), ps);
        var traj = c.GetProperty("trajectory").EnumerateArray().ToArray();
        for (int s = 0; s < traj.Length; s++)
        {
            opt.zero_grad();
            Tensor? loss = null;
            for (int i = 0; i < ps.Length; i++)
            {
                var term = (w[i] * ps[i] * ps[i]).sum() + (u[i] * ps[i]).sum();
                loss = loss is null ? term : loss + term;
            }
            loss!.backward();
            opt.step();
            var expected = traj[s].EnumerateArray().ToArray();
            for (int i = 0; i < ps.Length; i++)
                Fixture.AssertClose(expected[i], ps[i], 1e-5, 1e-6, $"{name} step {s + 1} param {i}");
        }
    }

    [Theory]
    [MemberData(nameof(Schedulers))]
    public void SchedulerMatchesPyTorch(string name)
    {
        var c = Fixture.Find("schedulers", name);
        var a = c.GetProperty("args");
        var p = new Parameter(torch.zeros(1));
        var opt = torch.optim.SGD([p], 0.1);
        LRScheduler s = a.GetProperty("type").GetString() switch
        {
            "StepLR" => torch.optim.lr_scheduler.StepLR(opt, a.GetProperty("step_size").GetInt32(), a.GetProperty("gamma").GetDouble()),
            "ExponentialLR" => torch.optim.lr_scheduler.ExponentialLR(opt, a.GetProperty("gamma").GetDouble()),
            _ => torch.optim.lr_scheduler.LinearLR(opt, a.GetProperty("start_factor").GetDouble(), a.GetProperty("end_factor").GetDouble(), a.GetProperty("total_iters").GetInt32()),
        };
        var lrs = c.GetProperty("lrs").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.Equal(lrs[0], opt.lr, 12);
        for (int i = 1; i < lrs.Length; i++)
        {
            opt.step();
            s.step();
            Assert.Equal(lrs[i], s.get_last_lr(), 12);
        }
    }

    [Fact]
    public void ClipGradNormMatchesPyTorch()
    {
        var c = Fixture.Root.GetProperty("clip_grad_norm");
        var grads = c.GetProperty("grads").EnumerateArray().ToArray();
        var ps = grads.Select(g => new Parameter(torch.zeros(Fixture.Shape(g)))).ToArray();
        for (int i = 0; i < ps.Length; i++) ps[i].grad = Fixture.ToTensor(grads[i]);
        double norm = torch.nn.utils.clip_grad_norm_(ps, c.GetProperty("max_norm").GetDouble());
        Assert.Equal(c.GetProperty("norm").GetDouble(), norm, 4);
        var clipped = c.GetProperty("clipped").EnumerateArray().ToArray();
        for (int i = 0; i < ps.Length; i++) Fixture.AssertClose(clipped[i], ps[i].grad!, what: "clipped grad");
    }

    [Fact]
    public void MlpAdamTrainingMatchesPyTorch()
    {
        var c = Fixture.Root.GetProperty("mlp_adam");
        var mlp = torch.nn.Sequential(torch.nn.Linear(4, 16), torch.nn.ReLU(), torch.nn.Linear(16, 2));
        mlp.load_state_dict(c.GetProperty("init").EnumerateObject().ToDictionary(p => p.Name, p => Fixture.ToTensor(p.Value)));
        var opt = torch.optim.Adam(mlp.parameters(), 1e-2);
        foreach (var b in c.GetProperty("batches").EnumerateArray())
        {
            opt.zero_grad();
            var loss = torch.nn.functional.mse_loss(mlp.forward(Fixture.ToTensor(b.GetProperty("x"))), Fixture.ToTensor(b.GetProperty("y")));
            Assert.Equal(b.GetProperty("loss").GetSingle(), loss.item<float>(), 5);
            loss.backward();
            torch.nn.utils.clip_grad_norm_(mlp.parameters(), 0.5);
            opt.step();
        }
        var final = mlp.state_dict();
        foreach (var p in c.GetProperty("final").EnumerateObject())
            Fixture.AssertClose(p.Value, final[p.Name], 1e-5, 1e-6, "mlp " + p.Name);
    }
}
