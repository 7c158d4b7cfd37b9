namespace RlFramework.Agents.Drqn;

/// <summary>DRQN's greedy policy: the arg-max of the online network, with a recurrent state of its own per env.</summary>
internal sealed class DrqnPolicy : IPolicy<int>
{
    private readonly DrqnNetwork _network;
    private readonly DrqnRecurrentState _state;
    private readonly int _observationSize, _actionCount;
    private readonly float[] _qValues;

    /// <summary>The policy of <paramref name="network"/> for <paramref name="numEnvs"/> envs, every episode at its start.</summary>
    public DrqnPolicy(DrqnNetwork network, int observationSize, int actionCount, int hiddenSize, int numEnvs)
    {
        NumEnvs = PolicyShape.RequirePositive(numEnvs);
        (_network, _observationSize, _actionCount) = (network, observationSize, actionCount);
        _state = new DrqnRecurrentState(numEnvs, observationSize, actionCount, hiddenSize);
        _qValues = new float[numEnvs * actionCount];
    }

    /// <inheritdoc/>
    public int NumEnvs { get; }

    /// <inheritdoc/>
    public void Act(ReadOnlySpan<float> observations, Span<int> actions)
    {
        PolicyShape.Check("DRQN", NumEnvs, _observationSize, observations.Length, actions.Length);
        _state.Step(_network, observations, _qValues);
        for (int e = 0; e < NumEnvs; e++)
        {
            actions[e] = QValues.ArgMax(_qValues.AsSpan(e * _actionCount, _actionCount));
            _state.Previous[e] = actions[e];
        }
    }

    /// <inheritdoc/>
    public void StartEpisode(int envIndex)
    {
        PolicyShape.CheckEnv(envIndex, NumEnvs);
        _state.Reset(envIndex);
    }
}
