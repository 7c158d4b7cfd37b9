using System.Diagnostics;
using System.Numerics.Tensors;
using RlFramework.Models;
using RlFramework.Models.EProp;
using RlFramework.Models.Modules;
using Tensor = RlFramework.Models.Tensor;

namespace RlFramework.Runner.Experiments.EProp;

/// <summary>
/// Trains an LSTM + linear readout on <see cref="TcaTask"/> by BPTT or e-prop (cross-entropy on the decide step only,
/// so e-prop's learning signal exists only at the final step) and measures the test error.
/// </summary>
public static class TcaExperiment
{
    /// <summary>Trains <paramref name="variant"/> for <paramref name="iterations"/> Adam steps of <paramref name="batchSize"/> sequences and tests it on <paramref name="testSequences"/> new ones.</summary>
    public static TcaResult Run(TcaVariant variant, TcaTask task, int seed, int iterations = 1500, int batchSize = 64, int hiddenSize = 32,
        double learningRate = 1e-3, int testSequences = 1000)
    {
        ArgumentNullException.ThrowIfNull(variant);
        ArgumentNullException.ThrowIfNull(task);
        task.Validate();
        if (iterations < 0 || batchSize <= 0 || hiddenSize <= 0 || testSequences <= 0)
            throw new ArgumentException($"TCA needs iterations ≥ 0 and positive batch size, hidden size and test sequences; got {iterations}, {batchSize}, {hiddenSize}, {testSequences}.");
        long start = Stopwatch.GetTimestamp();
        var generator = new Generator(seed);
        var lstm = torch.nn.LSTM(TcaTask.Channels, hiddenSize, generator: generator);
        var readout = torch.nn.Linear(hiddenSize, 2, generator: generator);
        if (variant.ForgetGateBias != 0) EPropLstm.AddForgetGateBias(lstm, variant.ForgetGateBias);
        var parameters = lstm.parameters().Concat(readout.parameters()).ToList();
        var optimizer = torch.optim.Adam(parameters, learningRate);
        var eprop = variant.EProp ? new EPropLstm(lstm, variant.Options) : null;
        var feedback = variant.EProp ? new EPropFeedback(readout, variant.Feedback, generator) : null;
        var random = new Random(seed);
        var inputs = new float[task.Length * batchSize * TcaTask.Channels];
        var labels = new float[batchSize];
        for (int i = 0; i < iterations; i++)
        {
            task.Sample(random, batchSize, inputs, labels);
            optimizer.zero_grad();
            if (eprop is null) BpttGradients(lstm, readout, task, inputs, labels);
            else EPropGradients(eprop, feedback!, readout, task, inputs, labels);
            optimizer.step();
        }
        var testRandom = new Random(seed + 1_000_003);
        var testInputs = new float[task.Length * testSequences * TcaTask.Channels];
        var testLabels = new float[testSequences];
        task.Sample(testRandom, testSequences, testInputs, testLabels);
        int wrong = 0;
        using (torch.NewDisposeScope())
        using (torch.no_grad())
        {
            var logits = Logits(lstm, readout, task, testInputs, testSequences).data<float>();
            for (int n = 0; n < testSequences; n++)
                if ((logits[2 * n + 1] > logits[2 * n] ? 1f : 0f) != testLabels[n]) wrong++;
        }
        return new TcaResult(variant.Name, seed, (double)wrong / testSequences, Stopwatch.GetElapsedTime(start).TotalSeconds);
    }

    /// <summary>Readout logits [B, 2] of the decide step.</summary>
    private static Tensor Logits(LSTM lstm, Linear readout, TcaTask task, float[] inputs, int batchSize)
    {
        var output = lstm.forward(torch.tensor(inputs, task.Length, batchSize, TcaTask.Channels), null).output;
        return readout.forward(output.select(0, task.Length - 1));
    }

    private static void BpttGradients(LSTM lstm, Linear readout, TcaTask task, float[] inputs, float[] labels)
    {
        using var scope = torch.NewDisposeScope();
        torch.nn.functional.cross_entropy(Logits(lstm, readout, task, inputs, labels.Length), torch.tensor(labels, labels.Length)).backward();
    }

    /// <summary>e-prop with the error only at the decide step: readout gradient δ h(T), learning signal L(T) = δ·B, and the echo λ_echo·L(T).</summary>
    private static void EPropGradients(EPropLstm eprop, EPropFeedback feedback, Linear readout, TcaTask task, float[] inputs, float[] labels)
    {
        int b = labels.Length, h = eprop.HiddenSize, step = b * TcaTask.Channels;
        eprop.Reset(b);
        for (int t = 0; t < task.Length; t++) eprop.Step(inputs.AsSpan(t * step, step));
        var hidden = eprop.Hidden;
        var w = readout.weight.data<float>();
        var bias = readout.bias!.data<float>();
        var gw = (readout.weight.grad ??= torch.zeros(2, h)).data<float>();
        var gb = (readout.bias.grad ??= torch.zeros(2)).data<float>();
        var error = new float[b * 2];
        for (int n = 0; n < b; n++)
        {
            var hn = hidden.Slice(n * h, h);
            float z0 = TensorPrimitives.Dot(w[..h], hn) + bias[0], z1 = TensorPrimitives.Dot(w.Slice(h, h), hn) + bias[1];
            float p1 = 1f / (1f + MathF.Exp(z0 - z1));
            // ∂(mean cross-entropy)/∂z = (softmax - one-hot) / B
            error[2 * n] = (1f - p1 - (labels[n] == 0 ? 1f : 0f)) / b;
            error[2 * n + 1] = (p1 - (labels[n] == 1 ? 1f : 0f)) / b;
            for (int k = 0; k < 2; k++)
            {
                var row = gw.Slice(k * h, h);
                TensorPrimitives.MultiplyAdd(hn, error[2 * n + k], row, row);
                gb[k] += error[2 * n + k];
            }
        }
        var signal = new float[b * h];
        feedback.LearningSignal(error, signal);
        float echo = (float)eprop.Options.TraceEcho;
        eprop.Accumulate(signal, echo > 0 ? signal.Select(v => echo * v).ToArray() : default);
    }
}
