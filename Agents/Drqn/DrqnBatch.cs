using RlFramework.Models;
using RlFramework.Replay;

namespace RlFramework.Agents.Drqn;

/// <summary>
/// One DRQN update's data, time-major: the network inputs x(0..T) [T+1, B, input] (observation + previous action
/// one-hot; x(t+1) holds the next observation and a(t), so the target network reads Q(s(t+1)) from its output t+1),
/// and per step [T, B] the taken action, mask, reward, bootstrap factor γ (0 after termination) and TD target.
/// </summary>
public sealed class DrqnBatch
{
    /// <summary>The replay's extra field holding each step's previous action (an input of the step; -1 at an episode's start).</summary>
    internal const string PreviousActionField = "previous_action";

    /// <summary>Allocates a batch of <paramref name="batchSize"/> sequences of up to <paramref name="length"/> steps.</summary>
    public DrqnBatch(int batchSize, int length, int observationSize, int actionCount)
    {
        if (batchSize <= 0 || length <= 0 || observationSize <= 0 || actionCount < 2)
            throw new ArgumentException($"A DRQN batch needs positive batch size, length and observation size and at least two actions; got {batchSize}, {length}, {observationSize}, {actionCount}.");
        (BatchSize, Length, ObservationSize, ActionCount) = (batchSize, length, observationSize, actionCount);
        InputSize = observationSize + actionCount;
        Inputs = new float[(length + 1) * batchSize * InputSize];
        int steps = length * batchSize;
        (Actions, Mask, Rewards, Bootstrap, Targets) = (new int[steps], new float[steps], new float[steps], new float[steps], new float[steps]);
        ValidLengths = new int[batchSize];
    }

    /// <summary>Sequences B.</summary>
    public int BatchSize { get; }
    /// <summary>Steps T.</summary>
    public int Length { get; }
    /// <summary>Observation length.</summary>
    public int ObservationSize { get; }
    /// <summary>Number of actions.</summary>
    public int ActionCount { get; }
    /// <summary>Network input length (observation + action one-hot).</summary>
    public int InputSize { get; }
    /// <summary>x(0..T), [T+1, B, input].</summary>
    public float[] Inputs { get; }
    /// <summary>Taken actions, [T, B].</summary>
    public int[] Actions { get; }
    /// <summary>1 for steps in the loss, 0 for padding and burn-in, [T, B].</summary>
    public float[] Mask { get; }
    /// <summary>Rewards, [T, B].</summary>
    public float[] Rewards { get; }
    /// <summary>γ, or 0 where the episode terminated, [T, B].</summary>
    public float[] Bootstrap { get; }
    /// <summary>TD targets r + γ max_a Q_target(s(t+1), a), [T, B] (set by <see cref="ComputeTargets"/>).</summary>
    public float[] Targets { get; }
    /// <summary>Real steps of each sequence.</summary>
    public int[] ValidLengths { get; }

    /// <summary>The inputs of step <paramref name="t"/>, [B, input].</summary>
    public ReadOnlySpan<float> InputsAt(int t) => Inputs.AsSpan(t * BatchSize * InputSize, BatchSize * InputSize);

    /// <summary>
    /// Copies <paramref name="windows"/> (actions a(t) and the extra field previous_action a(t-1), -1 for none) into this batch
    /// and sets the bootstrap factors with <paramref name="gamma"/>. The first <paramref name="burnIn"/> steps of a window
    /// that does not start at its episode's first step get mask 0: they only carry the recurrent state forward.
    /// </summary>
    public void Fill(SequenceBatch<int> windows, double gamma, int burnIn = 0)
    {
        ArgumentNullException.ThrowIfNull(windows);
        if (burnIn < 0 || burnIn >= Length) throw new ArgumentOutOfRangeException(nameof(burnIn), burnIn, $"The burn-in must lie in [0, {Length}) steps of the {Length}-step windows.");
        if (windows.BatchSize != BatchSize || windows.Length != Length || windows.ObservationSize != ObservationSize || windows.ActionSize != 1)
            throw new ArgumentException($"The replay batch [{windows.BatchSize}, {windows.Length}] of {windows.ObservationSize} values and {windows.ActionSize} action slots does not match the DRQN batch [{BatchSize}, {Length}] of {ObservationSize} values and 1 slot.");
        int[] previousActions = windows.Extra(PreviousActionField);
        Array.Clear(Inputs);
        int o = ObservationSize, i = InputSize, b = BatchSize;
        for (int n = 0; n < b; n++)
        {
            ValidLengths[n] = windows.ValidLengths[n];
            for (int t = 0; t < Length; t++)
            {
                int src = n * Length + t, dst = t * b + n;
                bool real = windows.Mask[src] != 0;
                int action = windows.Actions[src], previous = previousActions[src];
                Actions[dst] = real ? action : 0;
                Mask[dst] = real && (t >= burnIn || windows.StartSteps[n] == 0) ? 1f : 0f;
                Rewards[dst] = windows.Rewards[src];
                Bootstrap[dst] = windows.Terminated[src] ? 0f : (float)gamma;
                if (!real) continue;
                var x = Inputs.AsSpan(dst * i, i);
                if (t == 0)
                {
                    windows.Observations.AsSpan(src * o, o).CopyTo(x);
                    if (previous >= 0) x[o + previous] = 1f;
                }
                var next = Inputs.AsSpan((dst + b) * i, i);
                windows.NextObservations.AsSpan(src * o, o).CopyTo(next);
                next[o + action] = 1f;
            }
        }
    }

    /// <summary>Sets <see cref="Targets"/> from <paramref name="target"/>'s Q-values of x(1..T) (run from the zero state over x(0..T)).</summary>
    public void ComputeTargets(DrqnNetwork target)
    {
        ArgumentNullException.ThrowIfNull(target);
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var q = target.forward(torch.tensor(Inputs, Length + 1, BatchSize, InputSize)).data<float>();
        int a = ActionCount;
        for (int k = 0; k < Targets.Length; k++)
        {
            var next = q.Slice((k + BatchSize) * a, a);
            float best = next[0];
            for (int j = 1; j < a; j++) best = Math.Max(best, next[j]);
            Targets[k] = Mask[k] == 0 ? 0f : Rewards[k] + Bootstrap[k] * best;
        }
    }
}
