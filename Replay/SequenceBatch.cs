namespace RlFramework.Replay;

/// <summary>
/// A caller-owned batch of fixed-length windows for recurrent agents, filled in place. Arrays are row-major
/// [batch, time, feature]; padded time steps are zero with <see cref="Mask"/> 0.
/// </summary>
/// <typeparam name="TAction">int (or long) for discrete actions, float (or double) for continuous ones.</typeparam>
public sealed class SequenceBatch<TAction>
    where TAction : unmanaged
{
    /// <summary>Allocates <paramref name="batchSize"/> windows of <paramref name="length"/> steps.</summary>
    public SequenceBatch(int batchSize, int length, int observationSize, int actionSize = 1)
    {
        Guard.Positive(batchSize, nameof(batchSize));
        Guard.Positive(length, nameof(length));
        Guard.Positive(observationSize, nameof(observationSize));
        Guard.Positive(actionSize, nameof(actionSize));
        BatchSize = batchSize;
        Length = length;
        ObservationSize = observationSize;
        ActionSize = actionSize;
        int steps = checked(batchSize * length);
        Observations = new float[checked(steps * observationSize)];
        NextObservations = new float[steps * observationSize];
        Actions = new TAction[checked(steps * actionSize)];
        Rewards = new float[steps];
        Terminated = new bool[steps];
        Truncated = new bool[steps];
        IsFirst = new bool[steps];
        Mask = new float[steps];
        ValidLengths = new int[batchSize];
        EpisodeIds = new long[batchSize];
        StartSteps = new int[batchSize];
    }

    /// <summary>Number of windows.</summary>
    public int BatchSize { get; }

    /// <summary>Steps per window.</summary>
    public int Length { get; }

    /// <summary>Floats per observation.</summary>
    public int ObservationSize { get; }

    /// <summary>Action elements per step.</summary>
    public int ActionSize { get; }

    /// <summary>Observations, [BatchSize, Length, ObservationSize].</summary>
    public float[] Observations { get; }

    /// <summary>Observations after each step's action, [BatchSize, Length, ObservationSize].</summary>
    public float[] NextObservations { get; }

    /// <summary>Actions, [BatchSize, Length, ActionSize].</summary>
    public TAction[] Actions { get; }

    /// <summary>Rewards, [BatchSize, Length].</summary>
    public float[] Rewards { get; }

    /// <summary>Terminal flags, [BatchSize, Length] (set only on an episode's last step).</summary>
    public bool[] Terminated { get; }

    /// <summary>Truncation flags, [BatchSize, Length] (set only on an episode's last step).</summary>
    public bool[] Truncated { get; }

    /// <summary>True where the step is the first of its episode (reset the recurrent state there).</summary>
    public bool[] IsFirst { get; }

    /// <summary>1 for real steps, 0 for padding, [BatchSize, Length].</summary>
    public float[] Mask { get; }

    /// <summary>Number of real (unpadded) steps in each window.</summary>
    public int[] ValidLengths { get; }

    /// <summary>Id of the episode each window came from (ids count up from 0 in the order episodes completed).</summary>
    public long[] EpisodeIds { get; }

    /// <summary>Step within its episode at which each window starts.</summary>
    public int[] StartSteps { get; }
}
