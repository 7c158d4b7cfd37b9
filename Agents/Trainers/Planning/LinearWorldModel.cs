using RlFramework.Envs.RoboRally;
using RlFramework.Envs.Seeding;
using RlFramework.Models.Routing;

namespace RlFramework.Agents.Trainers.Planning;

/// <summary>
/// The world model of the planning agent. Its input is the joint distribution of state and action, the fixed outer
/// product q(s, a) = p(s)·π(a) of their one-hot (or probability) vectors; two linear layers read it:
/// a successor layer whose column (s, a) is a distribution over next states, and an unconstrained reward layer
/// R[s, a]. So the predicted next-state distribution is Σ q(s, a) P(·|s, a) and the expected reward
/// Σ q(s, a) R[s, a]: linear in q, able to represent any deterministic or stochastic MDP exactly and to propagate
/// distributions any number of steps. The column is kept on the simplex either by a softmax of free logits or, as in
/// the paper, by projecting the linear weights onto the simplex (<see cref="WorldModelForm"/>); the parameters start
/// uniform or random (<see cref="WorldModelInitialisation"/>). Learning is SGD per observed transition on the form's
/// successor loss plus half the squared reward error. The layer is dense: <see cref="BytesFor"/> gives its memory.
/// </summary>
public sealed class LinearWorldModel
{
    private readonly double[] _weights, _successors, _rewards;

    /// <summary>Creates a softmax-form model with uniform successors and zero rewards.</summary>
    public LinearWorldModel(int stateCount, int actionCount) : this(stateCount, actionCount, WorldModelForm.Softmax, null) { }

    /// <summary>
    /// Creates a model of <paramref name="form"/>: uniform successors and zero rewards when <paramref name="random"/>
    /// is null, else parameters drawn from it as <see cref="WorldModelInitialisation.Random"/> describes.
    /// </summary>
    /// <exception cref="ArgumentException">The dense layer would exceed <see cref="Array.MaxLength"/> entries; the message names the sizes.</exception>
    public LinearWorldModel(int stateCount, int actionCount, WorldModelForm form, RandomGenerator? random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(stateCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(actionCount, 1);
        if (!Enum.IsDefined(form)) throw new ArgumentOutOfRangeException(nameof(form), form, "Expected Softmax or SimplexProjection.");
        long entries = (long)stateCount * actionCount * stateCount;
        if (entries > Array.MaxLength)
            throw new ArgumentException($"A dense world model of {stateCount} states × {actionCount} actions has {entries} successor entries; at most {Array.MaxLength} fit in an array.", nameof(stateCount));
        (StateCount, ActionCount, Form) = (stateCount, actionCount, form);
        _weights = new double[entries];
        _successors = new double[entries];
        _rewards = new double[stateCount * actionCount];
        if (random is not null)
        {
            random.Uniform(0, 1, _weights);
            for (int i = 0; i < _rewards.Length; i++) _rewards[i] = random.Normal();
        }
        for (int column = 0; column < stateCount * actionCount; column++) RefreshColumn(column);
    }

    /// <summary>The bytes a model of <paramref name="stateCount"/> states × <paramref name="actionCount"/> actions holds (parameters, successor columns and rewards).</summary>
    public static long BytesFor(int stateCount, int actionCount) =>
        sizeof(double) * ((long)stateCount * actionCount * (2L * stateCount + 1));

    /// <summary>How the successor columns are kept on the simplex.</summary>
    public WorldModelForm Form { get; }

    /// <summary>The number of states.</summary>
    public int StateCount { get; }

    /// <summary>The number of actions.</summary>
    public int ActionCount { get; }

    /// <summary>The predicted next-state distribution of (state, action): softmax of its logits, or its projected weights.</summary>
    public ReadOnlySpan<double> Successors(int state, int action) => _successors.AsSpan(Column(state, action) * StateCount, StateCount);

    /// <summary>
    /// The parameters of column (state, action), writable (tests set them; learning updates them): free logits in the
    /// softmax form, the linear weights in the projection form. Call <see cref="Refresh"/> after writing.
    /// </summary>
    public Span<double> SuccessorWeights(int state, int action) => _weights.AsSpan(Column(state, action) * StateCount, StateCount);

    /// <summary>The predicted reward of (state, action).</summary>
    public double Reward(int state, int action) => _rewards[Column(state, action)];

    /// <summary>Sets the predicted reward of (state, action).</summary>
    public void SetReward(int state, int action, double reward) => _rewards[Column(state, action)] = reward;

    /// <summary>Recomputes column (state, action) after its parameters were written through <see cref="SuccessorWeights"/> (softmax, or projection of the weights onto the simplex).</summary>
    public void Refresh(int state, int action) => RefreshColumn(Column(state, action));

    /// <summary>
    /// The loss of one observed transition: the successor loss (softmax form: −log P(next|state, action); projection
    /// form: ½‖P(·|state, action) − onehot(next)‖²) + ½ (R[state, action] − reward)².
    /// </summary>
    public double Loss(int state, int action, int next, double reward)
    {
        double error = Reward(state, action) - reward;
        var successors = Successors(state, action);
        double successorLoss = -Math.Log(successors[next]);
        if (Form == WorldModelForm.SimplexProjection)
        {
            successorLoss = 0;
            for (int i = 0; i < successors.Length; i++) successorLoss += 0.5 * Math.Pow(successors[i] - (i == next ? 1 : 0), 2);
        }
        return successorLoss + 0.5 * error * error;
    }

    /// <summary>
    /// One SGD step on <see cref="Loss"/>: weights −= successorRate·(P(·|s, a) − onehot(next)) (the gradient of either
    /// form's successor loss; the projection form then projects the weights back onto the simplex),
    /// reward −= rewardRate·(R − reward).
    /// </summary>
    public void Learn(int state, int action, int next, double reward, double successorRate, double rewardRate)
    {
        if ((uint)next >= (uint)StateCount) throw new ArgumentOutOfRangeException(nameof(next), next, $"Expected a state index in [0, {StateCount}).");
        int column = Column(state, action);
        var weights = _weights.AsSpan(column * StateCount, StateCount);
        var successors = _successors.AsSpan(column * StateCount, StateCount);
        for (int i = 0; i < weights.Length; i++) weights[i] -= successorRate * successors[i];
        weights[next] += successorRate;
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

    private void RefreshColumn(int column)
    {
        var weights = _weights.AsSpan(column * StateCount, StateCount);
        var successors = _successors.AsSpan(column * StateCount, StateCount);
        if (Form == WorldModelForm.Softmax)
        {
            Softmax.Apply(weights, successors);
            return;
        }
        Simplex.Project(weights);
        weights.CopyTo(successors);
    }
}
