using System.Numerics.Tensors;

namespace RlFramework.Agents.Trainers.Planning;

/// <summary>
/// The planner: a "mental trial" of the program. From the start distribution d_0 = onehot(start) it applies selector
/// and world model once per card (shared weights), q_t(s, a) = d_t(s)·π_t(a), d_{t+1} = Σ q_t(s, a) P(·|s, a), and sums
/// the predicted expected rewards J = Σ_t Σ q_t(s, a) R[s, a]. <see cref="Evaluate"/> also returns dJ/dθ for the
/// selector's logits by hand-written backpropagation: with g_T = 0 and Q_t(s, a) = R[s, a] + Σ P(s'|s, a) g_{t+1}(s'),
/// g_t(s) = Σ_a π_t(a) Q_t(s, a), dJ/dπ_t(a) = Σ_s d_t(s) Q_t(s, a) and dJ/dθ_t = π_t ⊙ (dJ/dπ_t − ⟨π_t, dJ/dπ_t⟩).
/// Buffers are allocated once; a call allocates nothing.
/// </summary>
public sealed class MentalTrial
{
    private readonly double[][] _distributions;
    private readonly double[] _backward, _backwardNext, _actionGradient;
    private readonly int _states, _actions, _steps;

    /// <summary>Creates the buffers for a model of <paramref name="stateCount"/> states and programs of <paramref name="steps"/> cards.</summary>
    public MentalTrial(int stateCount, int actionCount, int steps)
    {
        (_states, _actions, _steps) = (stateCount, actionCount, steps);
        _distributions = [.. Enumerable.Range(0, steps + 1).Select(_ => new double[stateCount])];
        _backward = new double[stateCount];
        _backwardNext = new double[stateCount];
        _actionGradient = new double[actionCount];
    }

    /// <summary>
    /// The predicted total reward J of the selector's program distribution from <paramref name="start"/>; writes dJ/dθ
    /// (laid out as <see cref="ProgramSelector.Logits"/>) to <paramref name="gradient"/> unless it is empty.
    /// </summary>
    public double Evaluate(LinearWorldModel model, ProgramSelector selector, int start, Span<double> gradient)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(selector);
        if (model.StateCount != _states || model.ActionCount != _actions || selector.Steps != _steps || selector.ActionCount != _actions)
            throw new ArgumentException($"The trial is built for {_states} states, {_actions} actions and {_steps} cards; got a model of {model.StateCount}×{model.ActionCount} and a selector of {selector.Steps}×{selector.ActionCount}.");
        if (!gradient.IsEmpty && gradient.Length != _steps * _actions)
            throw new ArgumentException($"Expected a gradient of {_steps * _actions} entries, got {gradient.Length}.", nameof(gradient));
        double total = Forward(model, selector, start);
        if (!gradient.IsEmpty) Backward(model, selector, gradient);
        return total;
    }

    private double Forward(LinearWorldModel model, ProgramSelector selector, int start)
    {
        Array.Clear(_distributions[0]);
        _distributions[0][start] = 1;
        double total = 0;
        for (int t = 0; t < _steps; t++)
        {
            var d = _distributions[t];
            var next = _distributions[t + 1];
            Array.Clear(next);
            var policy = selector.Probabilities(t);
            for (int s = 0; s < _states; s++)
            {
                if (d[s] == 0) continue;
                for (int a = 0; a < _actions; a++)
                {
                    double q = d[s] * policy[a];
                    total += q * model.Reward(s, a);
                    TensorPrimitives.MultiplyAdd(model.Successors(s, a), q, next, next);
                }
            }
        }
        return total;
    }

    private void Backward(LinearWorldModel model, ProgramSelector selector, Span<double> gradient)
    {
        Array.Clear(_backwardNext); // g_T = 0: nothing follows the last card
        for (int t = _steps - 1; t >= 0; t--)
        {
            var d = _distributions[t];
            var policy = selector.Probabilities(t);
            Array.Clear(_actionGradient);
            bool needBackward = t > 0;
            for (int s = 0; s < _states; s++)
            {
                if (!needBackward && d[s] == 0) continue;
                double g = 0;
                for (int a = 0; a < _actions; a++)
                {
                    double value = model.Reward(s, a);
                    if (t < _steps - 1) value += TensorPrimitives.Dot(model.Successors(s, a), _backwardNext);
                    _actionGradient[a] += d[s] * value;
                    g += policy[a] * value;
                }
                _backward[s] = g;
            }
            double mean = 0;
            for (int a = 0; a < _actions; a++) mean += policy[a] * _actionGradient[a];
            for (int a = 0; a < _actions; a++) gradient[t * _actions + a] = policy[a] * (_actionGradient[a] - mean);
            _backward.CopyTo(_backwardNext, 0);
        }
    }
}
