using System.Text.Json;
using RlFramework.Models;

namespace RlFramework.Models.Tests;

/// <summary>Ops against PyTorch 1.13 outputs and gradients (fixtures from scripts/fixtures/models/generate.py).</summary>
public class GoldenOpTests
{
    public static IEnumerable<object[]> Cases => Fixture.Names("ops");

    private static int I(JsonElement args, string k) => args.GetProperty(k).GetInt32();

    private static double D(JsonElement args, string k) => args.GetProperty(k).GetDouble();

    private static Reduction Red(JsonElement args) =>
        args.TryGetProperty("reduction", out var r) ? r.GetString() switch { "sum" => Reduction.Sum, "none" => Reduction.None, _ => Reduction.Mean } : Reduction.Mean;

    internal static Tensor Run(string op, Tensor[] x, JsonElement a) => op switch
    {
        "add" => x[0] + x[1],
        "sub" => x[0] - x[1],
        "mul" => x[0] * x[1],
        "div" => x[0] / x[1],
        "neg" => -x[0],
        "exp" => x[0].exp(),
        "log" => x[0].log(),
        "pow" => x[0].pow(D(a, "exponent")),
        "sqrt" => x[0].sqrt(),
        "abs" => x[0].abs(),
        "clamp" => x[0].clamp(D(a, "min"), D(a, "max")),
        "tanh" => x[0].tanh(),
        "sigmoid" => x[0].sigmoid(),
        "relu" => x[0].relu(),
        "leaky_relu" => x[0].leaky_relu(D(a, "slope")),
        "softmax" => x[0].softmax(I(a, "dim")),
        "log_softmax" => x[0].log_softmax(I(a, "dim")),
        "sum" => x[0].sum(),
        "sum_dim" => x[0].sum(I(a, "dim"), a.GetProperty("keepdim").GetBoolean()),
        "mean" => x[0].mean(),
        "mean_dim" => x[0].mean(I(a, "dim"), a.GetProperty("keepdim").GetBoolean()),
        "max_dim" => x[0].max(I(a, "dim")).values,
        "argmax" => x[0].argmax(I(a, "dim")),
        "transpose" => x[0].transpose(I(a, "d0"), I(a, "d1")),
        "permute" => x[0].permute(a.GetProperty("dims").EnumerateArray().Select(e => e.GetInt64()).ToArray()),
        "reshape" => x[0].reshape(a.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray()),
        "narrow" => x[0].narrow(I(a, "dim"), I(a, "start"), I(a, "length")),
        "cat" => torch.cat(x, I(a, "dim")),
        "stack" => torch.stack(x, I(a, "dim")),
        "gather" => x[0].gather(I(a, "dim"), x[1]),
        "index_select" => x[0].index_select(I(a, "dim"), x[1]),
        "where" => torch.where(x[0], x[1], x[2]),
        "outer" => torch.outer(x[0], x[1]),
        "one_hot" => torch.nn.functional.one_hot(x[0], I(a, "num_classes")),
        "matmul" => x[0].matmul(x[1]),
        "bmm" => x[0].bmm(x[1]),
        "linear" => torch.nn.functional.linear(x[0], x[1], x[2]),
        "conv2d" => torch.nn.functional.conv2d(x[0], x[1], x[2], I(a, "stride"), I(a, "padding"), I(a, "dilation")),
        "conv_transpose2d" => torch.nn.functional.conv_transpose2d(x[0], x[1], x[2], I(a, "stride"), I(a, "padding"), I(a, "output_padding"), I(a, "dilation")),
        "mse_loss" => torch.nn.functional.mse_loss(x[0], x[1], Red(a)),
        "smooth_l1_loss" => torch.nn.functional.smooth_l1_loss(x[0], x[1], Red(a), a.TryGetProperty("beta", out var b) ? b.GetDouble() : 1.0),
        "huber_loss" => torch.nn.functional.huber_loss(x[0], x[1], Red(a), D(a, "delta")),
        "cross_entropy" => torch.nn.functional.cross_entropy(x[0], x[1], x.Length > 2 ? x[2] : null),
        "nll_loss" => torch.nn.functional.nll_loss(x[0], x[1]),
        "binary_cross_entropy" => torch.nn.functional.binary_cross_entropy(x[0], x[1]),
        "binary_cross_entropy_with_logits" => torch.nn.functional.binary_cross_entropy_with_logits(x[0], x[1]),
        _ => throw new NotSupportedException(op),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesPyTorch(string name)
    {
        var c = Fixture.Find("ops", name);
        bool hasGrads = c.TryGetProperty("grads", out var grads);
        var inputsJson = c.GetProperty("inputs").EnumerateArray().ToArray();
        var x = new Tensor[inputsJson.Length];
        for (int i = 0; i < x.Length; i++)
            x[i] = Fixture.ToTensor(inputsJson[i], hasGrads && grads[i].ValueKind != JsonValueKind.Null);
        var y = Run(c.GetProperty("op").GetString()!, x, c.GetProperty("args"));
        Fixture.AssertClose(c.GetProperty("output"), y, what: name + " output");
        if (!hasGrads) return;
        var up = Fixture.ToTensor(c.GetProperty("upstream"));
        (y * up).sum().backward();
        for (int i = 0; i < x.Length; i++)
        {
            if (grads[i].ValueKind == JsonValueKind.Null) continue;
            Assert.NotNull(x[i].grad);
            // Gradients pass through one more float32 reduction than the outputs (sum over the upstream product),
            // so absolute tolerance scales with their magnitude; relative tolerance stays 1e-5.
            Fixture.AssertClose(grads[i], x[i].grad!, 1e-5, 2e-6, $"{name} grad[{i}]");
        }
    }
}
