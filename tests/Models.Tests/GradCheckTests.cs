using RlFramework.Models;
using RlFramework.Models.Modules;
using F = RlFramework.Models.torch.nn.functional;

namespace RlFramework.Models.Tests;

/// <summary>Finite-difference gradient checks for every differentiable op and layer.</summary>
public class GradCheckTests
{
    private static readonly Generator G = new(11);

    private static Tensor R(params long[] s) => GradCheck.Rand(G, s);

    private static Tensor P(params long[] s) => GradCheck.Rand(G, s, positive: true);

    public static readonly Dictionary<string, (Func<Tensor[], Tensor> F, Func<Tensor[]> Inputs)> Cases = new()
    {
        ["add_bcast"] = (x => x[0] + x[1], () => [R(2, 3, 4), R(3, 1)]),
        ["sub_bcast"] = (x => x[0] - x[1], () => [R(3, 4), R(4)]),
        ["mul_bcast"] = (x => x[0] * x[1], () => [R(2, 1, 4), R(3, 4)]),
        ["div_bcast"] = (x => x[0] / x[1], () => [R(3, 4), P(1, 4)]),
        ["scalar_ops"] = (x => (2f - x[0] * 3f + 1.5f) / 2f + 1f / x[1], () => [R(3, 4), P(3, 4)]),
        ["neg"] = (x => -x[0], () => [R(3, 4)]),
        ["exp"] = (x => x[0].exp(), () => [R(3, 4)]),
        ["log"] = (x => x[0].log(), () => [P(3, 4)]),
        ["sqrt"] = (x => x[0].sqrt(), () => [P(3, 4)]),
        ["abs"] = (x => x[0].abs(), () => [R(3, 4)]),
        ["pow"] = (x => x[0].pow(3.0), () => [R(3, 4)]),
        ["square"] = (x => x[0].square(), () => [R(3, 4)]),
        ["clamp"] = (x => x[0].clamp(-0.52, 0.77), () => [R(4, 5)]),
        ["tanh"] = (x => x[0].tanh(), () => [R(3, 4)]),
        ["sigmoid"] = (x => x[0].sigmoid(), () => [R(3, 4)]),
        ["relu"] = (x => x[0].relu(), () => [R(3, 4)]),
        ["leaky_relu"] = (x => x[0].leaky_relu(0.2), () => [R(3, 4)]),
        ["softmax"] = (x => x[0].softmax(1), () => [R(3, 5)]),
        ["softmax_dim0"] = (x => x[0].softmax(0), () => [R(3, 2, 4)]),
        ["log_softmax"] = (x => x[0].log_softmax(-1), () => [R(3, 5)]),
        ["sum"] = (x => x[0].sum(), () => [R(3, 4)]),
        ["sum_dim"] = (x => x[0].sum(1, keepdim: true), () => [R(2, 3, 4)]),
        ["mean"] = (x => x[0].mean(), () => [R(3, 4)]),
        ["mean_dim"] = (x => x[0].mean(-1), () => [R(2, 3, 4)]),
        ["max_all"] = (x => x[0].max(), () => [R(3, 4)]),
        ["max_dim"] = (x => x[0].max(1).values, () => [R(3, 5)]),
        ["min_all"] = (x => x[0].min(), () => [R(3, 4)]),
        ["transpose"] = (x => x[0].transpose(0, 2), () => [R(2, 3, 4)]),
        ["t"] = (x => x[0].t(), () => [R(3, 4)]),
        ["permute"] = (x => x[0].permute(2, 0, 1), () => [R(2, 3, 4)]),
        ["reshape_flatten"] = (x => x[0].reshape(4, 6).flatten().unsqueeze(0).squeeze(0), () => [R(2, 3, 4)]),
        ["narrow_inner"] = (x => x[0].narrow(1, 1, 2), () => [R(3, 4)]),
        ["narrow_outer"] = (x => x[0].narrow(0, 1, 2), () => [R(4, 3)]),
        ["select"] = (x => x[0].select(1, 2), () => [R(3, 4)]),
        ["slice_step"] = (x => x[0].slice(1, 0, 5, 2), () => [R(3, 5)]),
        ["chunk"] = (x => x[0].chunk(2, 1)[1], () => [R(3, 4)]),
        ["clone"] = (x => x[0].clone(), () => [R(3, 4)]),
        ["index_select"] = (x => x[0].index_select(0, torch.tensor([2f, 0f, 2f])), () => [R(3, 4)]),
        ["gather"] = (x => x[0].gather(1, torch.tensor([0f, 2f, 1f, 1f, 2f, 0f], [3, 2])), () => [R(3, 3)]),
        ["cat"] = (x => torch.cat([x[0], x[1]], 1), () => [R(2, 3), R(2, 2)]),
        ["stack"] = (x => torch.stack([x[0], x[1]], 1), () => [R(2, 3), R(2, 3)]),
        ["where"] = (x => torch.where(torch.tensor([1f, 0f, 0f, 1f], [4]), x[0], x[1]), () => [R(3, 4), R(1, 4)]),
        ["masked_fill"] = (x => x[0].masked_fill(torch.tensor([1f, 0f, 1f], [3, 1]), 2.5f), () => [R(3, 4)]),
        ["outer"] = (x => x[0].outer(x[1]), () => [R(3), R(4)]),
        ["mm"] = (x => x[0].mm(x[1]), () => [R(5, 7), R(7, 3)]),
        ["matmul_vec"] = (x => x[0].matmul(x[1]), () => [R(5, 7), R(7)]),
        ["matmul_dot"] = (x => x[0].matmul(x[1]), () => [R(6), R(6)]),
        ["matmul_batched_2d"] = (x => x[0].matmul(x[1]), () => [R(2, 3, 4), R(4, 5)]),
        ["matmul_2d_batched"] = (x => x[0].matmul(x[1]), () => [R(3, 4), R(2, 4, 5)]),
        ["bmm"] = (x => x[0].bmm(x[1]), () => [R(2, 3, 4), R(2, 4, 2)]),
        ["matmul_batch_broadcast"] = (x => x[0].matmul(x[1]), () => [R(2, 1, 3, 4), R(3, 4, 2)]),
        ["linear"] = (x => F.linear(x[0], x[1], x[2]), () => [R(4, 5), R(3, 5), R(3)]),
        ["linear_3d"] = (x => F.linear(x[0], x[1]), () => [R(2, 3, 5), R(3, 5)]),
        ["conv2d"] = (x => F.conv2d(x[0], x[1], x[2], 1, 1), () => [R(2, 2, 5, 4), R(3, 2, 3, 3), R(3)]),
        ["conv2d_same_7x7"] = (x => F.conv2d(x[0], x[1], x[2], 1, 3), () => [R(1, 3, 6, 11), R(8, 3, 7, 7), R(8)]),
        ["conv2d_stride_dil"] = (x => F.conv2d(x[0], x[1], x[2], 2, 2, 2), () => [R(1, 2, 7, 6), R(2, 2, 3, 3), R(2)]),
        ["conv_transpose2d"] = (x => F.conv_transpose2d(x[0], x[1], x[2], 2, 1, 1), () => [R(1, 2, 3, 4), R(2, 3, 3, 3), R(3)]),
        ["mse_loss"] = (x => F.mse_loss(x[0], x[1]), () => [R(4, 3), R(4, 3)]),
        ["smooth_l1_loss"] = (x => F.smooth_l1_loss(x[0], x[1], Reduction.Sum, 0.7), () => [R(4, 3), R(4, 3)]),
        ["huber_loss"] = (x => F.huber_loss(x[0], x[1], Reduction.None, 1.3), () => [R(4, 3), R(4, 3)]),
        ["cross_entropy"] = (x => F.cross_entropy(x[0], torch.tensor([2f, 0f, 1f, 2f])), () => [R(4, 3)]),
        ["cross_entropy_weighted"] = (x => F.cross_entropy(x[0], torch.tensor([2f, 0f, 1f, 2f]), torch.tensor([0.5f, 2f, 1f])), () => [R(4, 3)]),
        ["nll_loss"] = (x => F.nll_loss(x[0].log_softmax(1), torch.tensor([1f, 0f, 2f])), () => [R(3, 3)]),
        ["bce"] = (x => F.binary_cross_entropy(x[0].sigmoid(), torch.tensor([0.2f, 1f, 0f, 0.7f, 0.5f, 0.1f], [2, 3])), () => [R(2, 3)]),
        ["bce_with_logits"] = (x => F.binary_cross_entropy_with_logits(x[0], torch.tensor([0.2f, 1f, 0f, 0.7f, 0.5f, 0.1f], [2, 3])), () => [R(2, 3)]),
    };

    public static IEnumerable<object[]> Names => Cases.Keys.Select(k => new object[] { k });

    [Theory]
    [MemberData(nameof(Names))]
    public void OpGradientMatchesFiniteDifferences(string name)
    {
        var (f, inputs) = Cases[name];
        GradCheck.Check(name, f, inputs());
    }

    private static Tensor[] WithParams(Tensor x, Module m) => [x, .. m.parameters()];

    [Fact]
    public void LinearLayer()
    {
        var m = torch.nn.Linear(5, 3, generator: new Generator(1));
        GradCheck.Check("Linear", x => m.forward(x[0]), WithParams(R(4, 5), m));
    }

    [Fact]
    public void MlpSequential()
    {
        var m = torch.nn.Sequential(torch.nn.Linear(4, 8, generator: new Generator(2)), torch.nn.Tanh(), torch.nn.Linear(8, 2, generator: new Generator(3)));
        GradCheck.Check("Sequential", x => m.forward(x[0]), WithParams(R(3, 4), m));
    }

    [Fact]
    public void LstmCellLayer()
    {
        var m = torch.nn.LSTMCell(3, 4, generator: new Generator(4));
        var h = R(2, 4);
        var c = R(2, 4);
        GradCheck.Check("LSTMCell", x => { var (hn, cn) = m.forward(x[0], (x[1], x[2])); return torch.cat([hn, cn], 1); }, [R(2, 3), h, c, .. m.parameters()]);
    }

    [Fact]
    public void LstmTwoLayersThroughTime()
    {
        var m = torch.nn.LSTM(3, 4, numLayers: 2, generator: new Generator(5));
        GradCheck.Check("LSTM", x =>
        {
            var (o, hn, cn) = m.forward(x[0], (x[1], x[2]));
            return torch.cat([o.reshape(-1), hn.reshape(-1), cn.reshape(-1)]);
        }, [R(4, 2, 3), R(2, 2, 4), R(2, 2, 4), .. m.parameters()]);
    }

    [Fact]
    public void LstmBatchFirst()
    {
        var m = torch.nn.LSTM(2, 3, batchFirst: true, generator: new Generator(6));
        GradCheck.Check("LSTM batch_first", x => m.forward(x[0], null).output, WithParams(R(2, 3, 2), m));
    }

    [Fact]
    public void Conv2dLayer()
    {
        var m = torch.nn.Conv2d(2, 3, 3, stride: 2, padding: 1, generator: new Generator(7));
        GradCheck.Check("Conv2d", x => m.forward(x[0]), WithParams(R(2, 2, 5, 5), m));
    }

    [Fact]
    public void ConvTranspose2dLayer()
    {
        var m = torch.nn.ConvTranspose2d(3, 2, 4, stride: 2, padding: 1, generator: new Generator(8));
        GradCheck.Check("ConvTranspose2d", x => m.forward(x[0]), WithParams(R(1, 3, 3, 3), m));
    }
}
