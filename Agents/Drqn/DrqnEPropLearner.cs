using System.Numerics.Tensors;
using RlFramework.Models;
using RlFramework.Models.EProp;
using RlFramework.Models.Optimizers;

namespace RlFramework.Agents.Drqn;

/// <summary>
/// The e-prop learner: steps the LSTM online through the window with <see cref="EPropLstm"/> traces (memory independent
/// of the window length) and at each counted step forms the TD error δ = 2 (Q(s, a) - target) / N only on the taken
/// action, the readout's ordinary gradient δ h, and the learning signal L_j = B_{j,a} δ. Counted steps: every real step
/// (all_steps, the same loss as the BPTT learner) or each sequence's last real step (final_step). The gradients land in
/// the parameters' <c>.grad</c> and the optimizer steps them.
/// </summary>
public sealed class DrqnEPropLearner : IDrqnLearner
{
    private readonly DrqnNetwork _q;
    private readonly Optimizer _optimizer;
    private readonly double? _maxGradNorm;
    private readonly EPropLstm _trainer;
    private readonly EPropFeedback _feedback;
    private readonly EPropAccumulation _accumulation;
    private readonly float _echo;
    private float[] _error = [], _signal = [], _echoSignal = [];

    /// <summary>Trains <paramref name="q"/> with <paramref name="optimizer"/>; <paramref name="generator"/> draws a random feedback matrix.</summary>
    public DrqnEPropLearner(DrqnNetwork q, Optimizer optimizer, LearningSignalFeedback feedback, EPropAccumulation accumulation,
        EPropOptions options, double? maxGradNorm = null, Generator? generator = null)
    {
        _q = q ?? throw new ArgumentNullException(nameof(q));
        _optimizer = optimizer ?? throw new ArgumentNullException(nameof(optimizer));
        _trainer = new EPropLstm(q.Lstm, options);
        _feedback = new EPropFeedback(q.Readout, feedback, generator);
        (_accumulation, _maxGradNorm, _echo) = (accumulation, maxGradNorm, (float)options.TraceEcho);
    }

    /// <summary>The trace trainer (its <see cref="EPropLstm.BytesHeld"/> is the memory of an update).</summary>
    public EPropLstm Trainer => _trainer;

    /// <summary>Adds the e-prop gradient of <paramref name="batch"/> to the parameters' <c>.grad</c>; returns the loss and mean predicted Q.</summary>
    public (double Loss, double MeanQ) AccumulateGradients(DrqnBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        int b = batch.BatchSize, a = batch.ActionCount, h = _q.HiddenSize;
        if (_error.Length != b * a) (_error, _signal, _echoSignal) = (new float[b * a], new float[b * h], new float[b * h]);
        var weight = _q.Readout.weight;
        var bias = _q.Readout.bias!;
        var gw = (weight.grad ??= torch.zeros(weight.shape)).data<float>();
        var gb = (bias.grad ??= torch.zeros(bias.shape)).data<float>();
        var w = weight.data<float>();
        var bv = bias.data<float>();
        bool finalOnly = _accumulation == EPropAccumulation.FinalStep;
        int counted = 0;
        for (int t = 0; t < batch.Length; t++)
        {
            for (int n = 0; n < b; n++)
                if (Counts(batch, t, n, finalOnly)) counted++;
        }

        float scale = 2f / Math.Max(1, counted);
        double loss = 0, sumQ = 0;
        _trainer.Reset(b);
        for (int t = 0; t < batch.Length; t++)
        {
            _trainer.Step(batch.InputsAt(t));
            var hidden = _trainer.Hidden;
            bool any = false, anyFinal = false;
            for (int n = 0; n < b; n++)
            {
                if (!Counts(batch, t, n, finalOnly)) continue;
                int k = t * b + n, action = batch.Actions[k];
                var hn = hidden.Slice(n * h, h);
                float q = TensorPrimitives.Dot(w.Slice(action * h, h), hn) + bv[action];
                float diff = q - batch.Targets[k], delta = scale * diff;
                (loss, sumQ) = (loss + diff * diff, sumQ + q);
                var gRow = gw.Slice(action * h, h);
                TensorPrimitives.MultiplyAdd(hn, delta, gRow, gRow);
                gb[action] += delta;
                _error[n * a + action] = delta;
                any = true;
                anyFinal |= t == batch.ValidLengths[n] - 1;
            }
            if (!any) continue;
            _feedback.LearningSignal(_error, _signal);
            ReadOnlySpan<float> echo = default;
            if (_echo > 0 && anyFinal)
            {
                for (int n = 0; n < b; n++)
                {
                    var row = _echoSignal.AsSpan(n * h, h);
                    if (t == batch.ValidLengths[n] - 1) TensorPrimitives.Multiply(_signal.AsSpan(n * h, h), _echo, row);
                    else row.Clear();
                }
                echo = _echoSignal;
            }
            _trainer.Accumulate(_signal, echo);
            Array.Clear(_error);
        }
        return (loss / Math.Max(1, counted), sumQ / Math.Max(1, counted));
    }

    private static bool Counts(DrqnBatch batch, int t, int n, bool finalOnly) =>
        batch.Mask[t * batch.BatchSize + n] != 0 && (!finalOnly || t == batch.ValidLengths[n] - 1);

    /// <inheritdoc/>
    public (double Loss, double MeanQ) Update(DrqnBatch batch)
    {
        _optimizer.zero_grad();
        var result = AccumulateGradients(batch);
        if (_maxGradNorm is double norm) torch.nn.utils.clip_grad_norm_(_q.parameters(), norm);
        _optimizer.step();
        return result;
    }
}
