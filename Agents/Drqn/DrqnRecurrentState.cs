using RlFramework.Models;

namespace RlFramework.Agents.Drqn;

/// <summary>
/// What a DRQN carries between the steps of its envs: per env the LSTM's hidden and cell state and the previous
/// action (fed back one-hot beside the observation; -1 at an episode's start). The agent keeps one for its training
/// envs; every <see cref="DrqnPolicy"/> keeps its own.
/// </summary>
internal sealed class DrqnRecurrentState
{
    private readonly int _observationSize, _actionCount, _hiddenSize;
    private readonly float[] _inputs;

    /// <summary>A zero state (every episode at its start) for <paramref name="numEnvs"/> envs.</summary>
    public DrqnRecurrentState(int numEnvs, int observationSize, int actionCount, int hiddenSize)
    {
        (NumEnvs, _observationSize, _actionCount, _hiddenSize) = (numEnvs, observationSize, actionCount, hiddenSize);
        (Hidden, Cell) = (new float[numEnvs * hiddenSize], new float[numEnvs * hiddenSize]);
        _inputs = new float[numEnvs * (observationSize + actionCount)];
        Previous = new int[numEnvs];
        Array.Fill(Previous, -1);
    }

    /// <summary>The number of envs.</summary>
    public int NumEnvs { get; }

    /// <summary>The LSTM hidden state h, env-major.</summary>
    public float[] Hidden { get; }

    /// <summary>The LSTM cell state c, env-major.</summary>
    public float[] Cell { get; }

    /// <summary>The previous action of each env (-1: none yet this episode).</summary>
    public int[] Previous { get; }

    /// <summary>
    /// Steps the network once for every env from <paramref name="observations"/> and the previous actions, advances the
    /// hidden and cell states, and writes the Q-values (env-major) to <paramref name="qValues"/>.
    /// </summary>
    public void Step(DrqnNetwork network, ReadOnlySpan<float> observations, Span<float> qValues)
    {
        int inputSize = _observationSize + _actionCount;
        Array.Clear(_inputs);
        for (int e = 0; e < NumEnvs; e++)
        {
            observations.Slice(e * _observationSize, _observationSize).CopyTo(_inputs.AsSpan(e * inputSize));
            if (Previous[e] >= 0) _inputs[e * inputSize + _observationSize + Previous[e]] = 1f;
        }
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var (q, hn, cn) = network.Step(torch.tensor(_inputs, 1, NumEnvs, inputSize),
            torch.tensor(Hidden, 1, NumEnvs, _hiddenSize), torch.tensor(Cell, 1, NumEnvs, _hiddenSize));
        hn.data<float>().CopyTo(Hidden);
        cn.data<float>().CopyTo(Cell);
        q.data<float>().CopyTo(qValues);
    }

    /// <summary>Env <paramref name="envIndex"/> starts an episode: zero state, no previous action.</summary>
    public void Reset(int envIndex)
    {
        Hidden.AsSpan(envIndex * _hiddenSize, _hiddenSize).Clear();
        Cell.AsSpan(envIndex * _hiddenSize, _hiddenSize).Clear();
        Previous[envIndex] = -1;
    }
}
