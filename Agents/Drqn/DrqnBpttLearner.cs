using RlFramework.Models;
using RlFramework.Models.Optimizers;

namespace RlFramework.Agents.Drqn;

/// <summary>The BPTT learner: autograd through the whole window, loss = mean over real steps of (Q(s, a) - target)².</summary>
public sealed class DrqnBpttLearner : IDrqnLearner
{
    private readonly DrqnNetwork _q;
    private readonly Optimizer _optimizer;
    private readonly double? _maxGradNorm;

    /// <summary>Trains <paramref name="q"/> with <paramref name="optimizer"/>, clipping the gradient norm to <paramref name="maxGradNorm"/> when given.</summary>
    public DrqnBpttLearner(DrqnNetwork q, Optimizer optimizer, double? maxGradNorm = null) =>
        (_q, _optimizer, _maxGradNorm) = (q ?? throw new ArgumentNullException(nameof(q)), optimizer ?? throw new ArgumentNullException(nameof(optimizer)), maxGradNorm);

    /// <summary>The loss with its autograd graph (the whole window held for backward) and the predicted Q(s, a) [T, B].</summary>
    public (Tensor Loss, Tensor Predicted) Loss(DrqnBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        int t = batch.Length, b = batch.BatchSize;
        var inputs = torch.tensor(batch.Inputs, t + 1, b, batch.InputSize).narrow(0, 0, t);
        var actions = torch.tensor(Array.ConvertAll(batch.Actions, a => (float)a), t, b, 1);
        var predicted = _q.forward(inputs).gather(2, actions).squeeze(2);
        var mask = torch.tensor(batch.Mask, t, b);
        var error = (predicted - torch.tensor(batch.Targets, t, b)) * mask;
        return (error.square().sum() / Math.Max(1f, batch.Mask.Sum()), predicted);
    }

    /// <inheritdoc/>
    public (double Loss, double MeanQ) Update(DrqnBatch batch)
    {
        using var scope = torch.NewDisposeScope();
        var (loss, predicted) = Loss(batch);
        _optimizer.zero_grad();
        loss.backward();
        if (_maxGradNorm is double norm) torch.nn.utils.clip_grad_norm_(_q.parameters(), norm);
        _optimizer.step();
        var q = predicted.data<float>();
        double sum = 0;
        for (int k = 0; k < q.Length; k++) sum += q[k] * batch.Mask[k];
        return (loss.item<float>(), sum / Math.Max(1f, batch.Mask.Sum()));
    }
}
