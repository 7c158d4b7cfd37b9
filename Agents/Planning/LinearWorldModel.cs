using RlFramework.Envs.RoboRally;

namespace RlFramework.Agents.Planning;

/// <summary>
/// The world model of the planning agent. Its input is the joint distribution of state and action, the fixed outer
/// product q(s, a) = p(s)·π(a) of their one-hot (or probability) vectors; two linear layers read it:
/// a successor layer whose column (s, a) is a distribution over next states, kept on the simplex by a softmax of free
/// logits (P(·|s, a) = softmax(W[s, a, ·])), and an unconstrained reward layer R[s, a]. So the predicted next-state
/// distribution is Σ q(s, a) P(·|s, a) and the expected reward Σ q(s, a) R[s, a]: linear in q, able to represent any
/// deterministic or stochastic MDP exactly and to propagate distributions any number of steps. All logits and rewards
/// start at 0 (uniform successors, zero reward). Learning is SGD on cross-entropy plus half squared reward error.
/// </summary>
public sealed class LinearWorldModel
{
    private readonly double[] _logits, _successors, _rewards;

    /// <summary>Creates the model with zero logits and rewards.</summary>
    public LinearWorldModel(int stateCount, int actionCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(stateCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(actionCount, 1);
        (StateCount, ActionCount) = (stateCount, actionCount);
        _logits = new double[stateCount * actionCount * stateCount];
        _successors = new double[_logits.Length];
        _rewards = new double[stateCount * actionCount];
        for (int column = 0; column < stateCount * actionCount; column++) RefreshColumn(column);
    }

    /// <summary>The number of states.</summary>
    public int StateCount { get; }

    /// <summary>The number of actions.</summary>
    public int ActionCount { get; }

    /// <summary>The predicted next-state distribution of (state, action): softmax of its logits.</summary>
    public ReadOnlySpan<double> Successors(int state, int action) => _successors.AsSpan(Column(state, action) * StateCount, StateCount);

    /// <summary>The free logits of column (state, action), writable (tests set them; learning updates them).</summary>
    public Span<double> SuccessorLogits(int state, int action) => _logits.AsSpan(Column(state, action) * StateCount, StateCount);

    /// <summary>The predicted reward of (state, action).</summary>
    public double Reward(int state, int action) => _rewards[Column(state, action)];

    /// <summary>Sets the predicted reward of (state, action).</summary>
    public void SetReward(int state, int action, double reward) => _rewards[Column(state, action)] = reward;

    /// <summary>Recomputes the softmax of column (state, action) after its logits were written through <see cref="SuccessorLogits"/>.</summary>
    public void Refresh(int state, int action) => RefreshColumn(Column(state, action));

    /// <summary>
    /// The loss of one observed transition: −log P(next|state, action) + ½ (R[state, action] − reward)².
    /// </summary>
    public double Loss(int state, int action, int next, double reward)
    {
        double error = Reward(state, action) - reward;
        return -Math.Log(Successors(state, action)[next]) + 0.5 * error * error;
    }

    /// <summary>
    /// One SGD step on <see cref="Loss"/>: logits −= successorRate·(P(·|s, a) − onehot(next)), reward −= rewardRate·(R − reward).
    /// </summary>
    public void Learn(int state, int action, int next, double reward, double successorRate, double rewardRate)
    {
        if ((uint)next >= (uint)StateCount) throw new ArgumentOutOfRangeException(nameof(next), next, $"Expected a state index in [0, {StateCount}).");
        int column = Column(state, action);
        var logits = _logits.AsSpan(column * StateCount, StateCount);
        var successors = _successors.AsSpan(column * StateCount, StateCount);
        for (int i = 0; i < logits.Length; i++) logits[i] -= successorRate * successors[i];
        logits[next] += successorRate;
        _rewards[column] -= rewardRate * (_rewards[column] - reward);
        RefreshColumn(column);
    }

    /// <summary>
    /// The model's error against the true MDP, weighted by where random programs go: the mean over the five steps of
    /// the expected (total-variation distance of the successor distributions + absolute reward error) under the state
    /// distribution of uniformly random programs and uniform actions. 0 for an exact model; turning-only knowledge of
    /// the default map leaves it far above the decomposed scheme's tolerance.
    /// </summary>
    public double ErrorTo(RoboRallyMdp mdp)
    {
        ArgumentNullException.ThrowIfNull(mdp);
        if (mdp.StateCount != StateCount || RoboRallyMdp.ActionCount != ActionCount)
            throw new ArgumentException($"The model has {StateCount} states × {ActionCount} actions; the MDP {mdp.StateCount} × {RoboRallyMdp.ActionCount}.", nameof(mdp));
        var visit = new double[StateCount];
        var next = new double[StateCount];
        visit[mdp.StartState] = 1;
        double error = 0;
        for (int t = 0; t < RoboRallyMdp.ProgramLength; t++)
        {
            Array.Clear(next);
            for (int s = 0; s < StateCount; s++)
            {
                if (visit[s] == 0) continue;
                for (int a = 0; a < ActionCount; a++)
                {
                    double weight = visit[s] / ActionCount;
                    int target = mdp.Next(s, a);
                    var predicted = Successors(s, a);
                    double variation = 0;
                    for (int i = 0; i < StateCount; i++) variation += Math.Abs(predicted[i] - (i == target ? 1 : 0));
                    error += weight * (variation / 2 + Math.Abs(Reward(s, a) - mdp.Reward(s, a)));
                    next[target] += weight;
                }
            }
            (visit, next) = (next, visit);
        }
        return error / RoboRallyMdp.ProgramLength;
    }

    private int Column(int state, int action)
    {
        if ((uint)state >= (uint)StateCount) throw new ArgumentOutOfRangeException(nameof(state), state, $"Expected a state index in [0, {StateCount}).");
        if ((uint)action >= (uint)ActionCount) throw new ArgumentOutOfRangeException(nameof(action), action, $"Expected an action index in [0, {ActionCount}).");
        return state * ActionCount + action;
    }

    private void RefreshColumn(int column) =>
        Softmax.Apply(_logits.AsSpan(column * StateCount, StateCount), _successors.AsSpan(column * StateCount, StateCount));
}
