using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using RlFramework.Models.EProp;
using RlFramework.Models.Modules;

namespace RlFramework.Models.Tests.EProp;

/// <summary>
/// e-prop's LSTM gradients against the exact oracle: autograd through the same cell with h(t-1) detached in the
/// recurrence (only c(t) → c(t-1) carries gradient), where the loss Σ_t Σ_j L_j(t) h_j(t) has ∂E/∂h(t) = L(t).
/// </summary>
public class EPropLstmTests
{
    private sealed record Case(int Batch, int Input, int Hidden, int Steps, float[][] Inputs, float[][] Signals);

    private static Case MakeCase(int seed, int batch, int input, int hidden, int steps)
    {
        var g = new Generator(seed);
        float[] Rand(int n) { var a = new float[n]; g.FillUniform(a, -1, 1); return a; }
        return new Case(batch, input, hidden, steps,
            Enumerable.Range(0, steps).Select(_ => Rand(batch * input)).ToArray(),
            Enumerable.Range(0, steps).Select(_ => Rand(batch * hidden)).ToArray());
    }

    private static LSTMCell MakeCell(Case c, int seed, bool bias = true) => torch.nn.LSTMCell(c.Input, c.Hidden, bias, generator: new Generator(seed + 1000));

    private static float[][] Grads(LSTMCell cell) => cell.parameters().Select(p => p.grad!.ToArray()).ToArray();

    private static void ClearGrads(LSTMCell cell)
    {
        foreach (var p in cell.parameters()) p.grad = null;
    }

    /// <summary>Autograd oracle: loss = Σ_t L(t)·h(t) + Σ_t echo(t)·h(t); <paramref name="detach"/> cuts h(t-1) in the recurrence.</summary>
    private static float[][] Autograd(LSTMCell cell, Case c, bool detach, Func<int, float[]?>? signal = null)
    {
        ClearGrads(cell);
        using var scope = torch.NewDisposeScope();
        var h = torch.zeros(c.Batch, c.Hidden);
        var cs = torch.zeros(c.Batch, c.Hidden);
        Tensor? loss = null;
        for (int t = 0; t < c.Steps; t++)
        {
            var (h2, c2) = cell.forward(torch.tensor(c.Inputs[t], c.Batch, c.Input), (detach ? h.detach() : h, cs));
            var l = (signal ?? (s => c.Signals[s]))(t);
            if (l is not null)
            {
                var term = (h2 * torch.tensor(l, c.Batch, c.Hidden)).sum();
                loss = loss is null ? term : loss + term;
            }
            (h, cs) = (h2, c2);
        }
        loss!.backward();
        return Grads(cell);
    }

    private static float[][] EProp(LSTMCell cell, Case c, EPropOptions? options = null, Func<int, float[]?>? signal = null, Func<int, float[]?>? echo = null)
    {
        ClearGrads(cell);
        var trainer = new EPropLstm(cell, options);
        trainer.Reset(c.Batch);
        for (int t = 0; t < c.Steps; t++)
        {
            trainer.Step(c.Inputs[t]);
            var l = (signal ?? (s => c.Signals[s]))(t) ?? new float[c.Batch * c.Hidden];
            trainer.Accumulate(l, echo?.Invoke(t));
        }
        return Grads(cell);
    }

    private static void AssertClose(float[][] expected, float[][] actual, double tolerance = 2e-5)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int p = 0; p < expected.Length; p++)
        {
            double scale = Math.Max(1, expected[p].Max(Math.Abs));
            for (int i = 0; i < expected[p].Length; i++)
            {
                Assert.True(Math.Abs(expected[p][i] - actual[p][i]) <= tolerance * scale,
                    $"parameter {p} element {i}: autograd {expected[p][i]} vs e-prop {actual[p][i]}");
            }
        }
    }

    [Theory]
    [InlineData(1, 1, 3, 4, 6)]
    [InlineData(2, 3, 2, 5, 12)]
    [InlineData(3, 2, 5, 1, 30)]
    public void Equals_autograd_with_detached_recurrence(int seed, int batch, int input, int hidden, int steps)
    {
        var c = MakeCase(seed, batch, input, hidden, steps);
        var cell = MakeCell(c, seed);
        AssertClose(Autograd(cell, c, detach: true), EProp(cell, c));
    }

    [Fact]
    public void Differs_from_full_bptt_over_several_steps()
    {
        var c = MakeCase(4, 2, 3, 4, 8);
        var cell = MakeCell(c, 4);
        var bptt = Autograd(cell, c, detach: false);
        var eprop = EProp(cell, c);
        Assert.Contains(Enumerable.Range(0, bptt[1].Length), i => Math.Abs(bptt[1][i] - eprop[1][i]) > 1e-3);
    }

    [Theory]
    [InlineData(5, true)]
    [InlineData(6, false)]
    public void Single_step_equals_full_bptt(int seed, bool bias)
    {
        var c = MakeCase(seed, 3, 4, 5, 1);
        var cell = MakeCell(c, seed, bias);
        AssertClose(Autograd(cell, c, detach: false), EProp(cell, c));
    }

    [Fact]
    public void Final_step_with_trace_echo_equals_autograd_of_the_echo_loss()
    {
        // g = L(T) (e(T) + λ Σ_t e(t)) is the detached-recurrence gradient of L(T)·h(T) + λ Σ_t L(T)·h(t).
        const float lambda = 0.7f;
        var c = MakeCase(7, 2, 3, 4, 9);
        var cell = MakeCell(c, 7);
        var last = c.Signals[^1];
        var echoed = last.Select(v => lambda * v).ToArray();
        var expected = Autograd(cell, c, detach: true, t => t == c.Steps - 1 ? last.Select(v => v * (1 + lambda)).ToArray() : echoed);
        var actual = EProp(cell, c, new EPropOptions(TraceEcho: lambda), t => t == c.Steps - 1 ? last : null, t => t == c.Steps - 1 ? echoed : null);
        AssertClose(expected, actual);
    }

    [Fact]
    public void Trains_a_one_layer_LSTM_module_like_the_same_cell()
    {
        var c = MakeCase(8, 2, 3, 4, 5);
        var cell = MakeCell(c, 8);
        var lstm = torch.nn.LSTM(c.Input, c.Hidden);
        lstm.load_state_dict(cell.state_dict().ToDictionary(p => p.Key + "_l0", p => p.Value));
        var expected = EProp(cell, c);
        var trainer = new EPropLstm(lstm);
        trainer.Reset(c.Batch);
        for (int t = 0; t < c.Steps; t++) { trainer.Step(c.Inputs[t]); trainer.Accumulate(c.Signals[t]); }
        AssertClose(expected, lstm.parameters().Select(p => p.grad!.ToArray()).ToArray(), 0);
    }

    [Fact]
    public void Forget_gate_bias_shifts_only_the_forget_rows()
    {
        var cell = torch.nn.LSTMCell(2, 3, generator: new Generator(9));
        var before = cell.bias_ih!.ToArray();
        EPropLstm.AddForgetGateBias(cell);
        var after = cell.bias_ih.ToArray();
        for (int i = 0; i < 12; i++) Assert.Equal(before[i] + (i is >= 3 and < 6 ? 1.8f : 0f), after[i]);
    }

    [Fact]
    public void Memory_is_independent_of_the_sequence_length()
    {
        var c = MakeCase(10, 2, 3, 4, 50);
        var trainer = new EPropLstm(MakeCell(c, 10));
        trainer.Reset(c.Batch);
        trainer.Step(c.Inputs[0]);
        long afterOne = trainer.BytesHeld;
        for (int t = 1; t < c.Steps; t++) trainer.Step(c.Inputs[t]);
        Assert.Equal(afterOne, trainer.BytesHeld);
        Assert.Equal(3 * 4 * (3 + 4 + 1), trainer.EligibilityValuesPerSequence);
    }

    [Fact]
    public void Bad_input_is_refused_with_the_sizes()
    {
        var trainer = new EPropLstm(torch.nn.LSTMCell(3, 4));
        Assert.Throws<InvalidOperationException>(() => trainer.Step(new float[3]));
        trainer.Reset(2);
        Assert.Contains("[2, 3]", Assert.Throws<ArgumentException>(() => trainer.Step(new float[5])).Message);
        Assert.Throws<ArgumentException>(() => new EPropOptions(TraceScaling: 0).Validate());
        Assert.Throws<ArgumentException>(() => new EPropLstm(torch.nn.LSTM(3, 4, numLayers: 2)));
    }

    /// <summary>Trace scaling κ scales the input, forget and candidate gate gradients by κ and leaves the output gate's alone.</summary>
    [Property(MaxTest = 25)]
    public Property Trace_scaling_scales_the_traced_gates_only(PositiveInt seed, byte kappaCode)
    {
        float kappa = (kappaCode % 100 + 1) / 100f;
        var c = MakeCase(seed.Get, 2, 2, 3, 1 + seed.Get % 6);
        var cell = MakeCell(c, seed.Get);
        var plain = EProp(cell, c);
        var scaled = EProp(cell, c, new EPropOptions(TraceScaling: kappa));
        int h = c.Hidden;
        bool ok = true;
        for (int p = 0; p < plain.Length; p++)
        {
            int rowLength = plain[p].Length / (4 * h);
            for (int i = 0; i < plain[p].Length; i++)
            {
                bool outputGate = i / rowLength >= 3 * h;
                double expected = outputGate ? plain[p][i] : kappa * plain[p][i];
                ok &= Math.Abs(expected - scaled[p][i]) <= 1e-5 * Math.Max(1, Math.Abs(expected));
            }
        }
        return ok.Label($"κ = {kappa}");
    }

    /// <summary>The exactness check over random shapes and lengths.</summary>
    [Property(MaxTest = 20)]
    public Property Equals_autograd_for_random_shapes(PositiveInt seed)
    {
        int s = seed.Get;
        var c = MakeCase(s, 1 + s % 3, 1 + s / 3 % 4, 1 + s / 12 % 5, 1 + s / 7 % 10);
        var cell = MakeCell(c, s);
        var expected = Autograd(cell, c, detach: true);
        var actual = EProp(cell, c);
        bool ok = true;
        for (int p = 0; p < expected.Length; p++)
        {
            double scale = Math.Max(1, expected[p].Max(Math.Abs));
            for (int i = 0; i < expected[p].Length; i++) ok &= Math.Abs(expected[p][i] - actual[p][i]) <= 2e-5 * scale;
        }
        return ok.Label($"batch {c.Batch}, input {c.Input}, hidden {c.Hidden}, steps {c.Steps}");
    }
}
