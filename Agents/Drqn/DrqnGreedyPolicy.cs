using RlFramework.Models;

namespace RlFramework.Agents.Drqn;

/// <summary>
/// The greedy policy of a <see cref="DrqnNetwork"/> for evaluation episodes, with its own recurrent state and previous
/// action, so evaluating does not disturb a training agent's per-env state. Call <see cref="StartEpisode"/> at each
/// episode start and <see cref="Act"/> once per step.
/// </summary>
public sealed class DrqnGreedyPolicy
{
    private readonly DrqnNetwork _q;
    private readonly int _observationSize;
    private readonly float[] _hidden, _cell, _input;
    private int _previous = -1;

    /// <summary>Acts greedily with <paramref name="q"/> on observations of <paramref name="observationSize"/> values.</summary>
    public DrqnGreedyPolicy(DrqnNetwork q, int observationSize)
    {
        _q = q ?? throw new ArgumentNullException(nameof(q));
        if (observationSize <= 0 || observationSize + q.ActionCount != q.InputSize)
            throw new ArgumentOutOfRangeException(nameof(observationSize), observationSize, $"The network reads {q.InputSize} inputs = observation + {q.ActionCount} action one-hot values.");
        _observationSize = observationSize;
        (_hidden, _cell, _input) = (new float[q.HiddenSize], new float[q.HiddenSize], new float[q.InputSize]);
    }

    /// <summary>Zeroes the recurrent state and the previous action.</summary>
    public void StartEpisode()
    {
        Array.Clear(_hidden);
        Array.Clear(_cell);
        _previous = -1;
    }

    /// <summary>The action of highest Q-value after reading <paramref name="observation"/> (and the previous action).</summary>
    public int Act(ReadOnlySpan<float> observation)
    {
        if (observation.Length != _observationSize)
            throw new ArgumentException($"The policy reads observations of {_observationSize} values; got {observation.Length}.", nameof(observation));
        Array.Clear(_input);
        observation.CopyTo(_input);
        if (_previous >= 0) _input[_observationSize + _previous] = 1f;
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        int h = _q.HiddenSize;
        var (q, hn, cn) = _q.Step(torch.tensor(_input, 1, 1, _q.InputSize), torch.tensor(_hidden, 1, 1, h), torch.tensor(_cell, 1, 1, h));
        hn.data<float>().CopyTo(_hidden);
        cn.data<float>().CopyTo(_cell);
        _previous = QValues.ArgMax(q.data<float>());
        return _previous;
    }
}
