namespace RlFramework.Replay.Episodes;

/// <summary>
/// One recorded episode of T steps: T + 1 observations (the reset observation and one after each step), T actions,
/// rewards, terminated/truncated flags, per-step info maps, and free-form string labels.
/// </summary>
/// <typeparam name="TAction">int (or long) for discrete actions, float (or double) for continuous ones.</typeparam>
public sealed class Episode<TAction>
    where TAction : unmanaged
{
    /// <summary>Creates an empty episode whose first observation is <paramref name="resetObservation"/>.</summary>
    public Episode(ReadOnlySpan<float> resetObservation, int actionSize = 1)
    {
        Guard.ActionType<TAction>();
        Guard.Positive(resetObservation.Length, nameof(resetObservation) + ".Length");
        Guard.Positive(actionSize, nameof(actionSize));
        ObservationSize = resetObservation.Length;
        ActionSize = actionSize;
        Observations.AddRange(resetObservation);
    }

    internal Episode(int observationSize, int actionSize)
    {
        ObservationSize = observationSize;
        ActionSize = actionSize;
    }

    /// <summary>Floats per observation.</summary>
    public int ObservationSize { get; }

    /// <summary>Action elements per step.</summary>
    public int ActionSize { get; }

    /// <summary>Number of steps T.</summary>
    public int Length => Rewards.Count;

    /// <summary>Observations, (T + 1) × <see cref="ObservationSize"/>, row-major.</summary>
    public List<float> Observations { get; } = [];

    /// <summary>Actions, T × <see cref="ActionSize"/>.</summary>
    public List<TAction> Actions { get; } = [];

    /// <summary>Rewards, T.</summary>
    public List<float> Rewards { get; } = [];

    /// <summary>Terminated flags, T.</summary>
    public List<bool> Terminated { get; } = [];

    /// <summary>Truncated flags, T.</summary>
    public List<bool> Truncated { get; } = [];

    /// <summary>Per-step info (string → scalar), T maps (empty maps when a step has no info).</summary>
    public List<Dictionary<string, InfoValue>> Infos { get; } = [];

    /// <summary>Free-form labels (e.g. env id, agent, seed, split).</summary>
    public Dictionary<string, string> Labels { get; } = new(StringComparer.Ordinal);

    /// <summary>Appends a step with a scalar action.</summary>
    public void AddStep(TAction action, ReadOnlySpan<float> observation, float reward, bool terminated, bool truncated, IReadOnlyDictionary<string, InfoValue>? info = null) =>
        AddStep(new ReadOnlySpan<TAction>(in action), observation, reward, terminated, truncated, info);

    /// <summary>Appends a step: the action taken, the observation that followed, reward, flags and info.</summary>
    public void AddStep(ReadOnlySpan<TAction> action, ReadOnlySpan<float> observation, float reward, bool terminated, bool truncated, IReadOnlyDictionary<string, InfoValue>? info = null)
    {
        Guard.Length(action.Length, ActionSize, nameof(action), "the action size");
        Guard.Length(observation.Length, ObservationSize, nameof(observation), "the observation size");
        Actions.AddRange(action);
        Observations.AddRange(observation);
        Rewards.Add(reward);
        Terminated.Add(terminated);
        Truncated.Add(truncated);
        Infos.Add(info is null ? new(StringComparer.Ordinal) : new Dictionary<string, InfoValue>(info, StringComparer.Ordinal));
    }

    /// <summary>Observation <paramref name="t"/> (0 = reset observation, T = final observation).</summary>
    public ReadOnlySpan<float> ObservationAt(int t)
    {
        if ((uint)t > (uint)Length)
        {
            throw new ArgumentOutOfRangeException(nameof(t), t, $"Expected an observation index in [0, {Length}].");
        }

        return System.Runtime.InteropServices.CollectionsMarshal.AsSpan(Observations).Slice(t * ObservationSize, ObservationSize);
    }

    /// <summary>Checks the array lengths agree (T + 1 observations, T of everything else).</summary>
    internal void Validate()
    {
        int t = Length;
        if (Observations.Count != (t + 1) * ObservationSize || Actions.Count != t * ActionSize || Terminated.Count != t || Truncated.Count != t || Infos.Count != t)
        {
            throw new InvalidOperationException(
                $"Episode arrays disagree: {Rewards.Count} rewards, {Observations.Count} observation floats (expected {(t + 1) * ObservationSize}), " +
                $"{Actions.Count} action elements (expected {t * ActionSize}), {Terminated.Count} terminated, {Truncated.Count} truncated, {Infos.Count} infos.");
        }
    }
}
