using RlFramework.Replay.Storage;

namespace RlFramework.Replay;

/// <summary>
/// The arrays a batch is filled in, one row per transition (per step of every window in a
/// <see cref="SequenceBatch{TAction}"/>): observations and next observations (<see cref="ObservationSize"/> floats a
/// row), actions (<see cref="ActionSize"/> elements a row), rewards, flags, and an int32 array per extra field.
/// </summary>
/// <typeparam name="TAction">int (or long) for discrete actions, float (or double) for continuous ones.</typeparam>
public abstract class TransitionRows<TAction>
    where TAction : unmanaged
{
    /// <summary>Allocates <paramref name="rows"/> rows; the derived batch has checked its own sizes.</summary>
    private protected TransitionRows(int rows, int observationSize, int actionSize, IReadOnlyList<string>? extraFields)
    {
        Guard.Positive(observationSize, nameof(observationSize));
        Guard.Positive(actionSize, nameof(actionSize));
        Columns = new TransitionColumns<TAction>(rows, observationSize, actionSize, ExtraFieldNames.Check(extraFields, nameof(extraFields)));
    }

    /// <summary>Floats per observation.</summary>
    public int ObservationSize => Columns.ObservationSize;

    /// <summary>Action elements per row (1 for a discrete action).</summary>
    public int ActionSize => Columns.ActionSize;

    /// <summary>Names of the extra fields.</summary>
    public IReadOnlyList<string> ExtraFields => Columns.ExtraFields;

    /// <summary>Observations, one row of <see cref="ObservationSize"/> floats per transition.</summary>
    public float[] Observations => Columns.Observations;

    /// <summary>Observations after each transition's action, one row per transition.</summary>
    public float[] NextObservations => Columns.NextObservations;

    /// <summary>Actions, one row of <see cref="ActionSize"/> elements per transition.</summary>
    public TAction[] Actions => Columns.Actions;

    /// <summary>Rewards.</summary>
    public float[] Rewards => Columns.Rewards;

    /// <summary>True where the episode ended in a terminal state (do not bootstrap).</summary>
    public bool[] Terminated => Columns.Terminated;

    /// <summary>True where the episode was cut short (bootstrap from the next observation).</summary>
    public bool[] Truncated => Columns.Truncated;

    /// <summary>The rows.</summary>
    internal TransitionColumns<TAction> Columns { get; }

    /// <summary>The values of extra field <paramref name="name"/>, one per row (the same array every call: look it up once).</summary>
    public int[] Extra(string name) => Columns.Extras[ExtraFieldNames.IndexOf(Columns.ExtraFields, name)];

    /// <summary>Returns <paramref name="value"/> after checking that it is positive.</summary>
    private protected static int Positive(int value, string name)
    {
        Guard.Positive(value, name);
        return value;
    }
}
