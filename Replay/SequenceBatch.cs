namespace RlFramework.Replay;

/// <summary>
/// A caller-owned batch of fixed-length windows for recurrent agents, filled in place. Arrays are row-major
/// [batch, time, feature] (see <see cref="TransitionRows{TAction}"/>; extra fields [batch, time]); padded time steps are
/// zero with <see cref="Mask"/> 0; the flags are set only on an episode's last step.
/// </summary>
/// <typeparam name="TAction">int (or long) for discrete actions, float (or double) for continuous ones.</typeparam>
public sealed class SequenceBatch<TAction> : TransitionRows<TAction>
    where TAction : unmanaged
{
    /// <summary>Allocates <paramref name="batchSize"/> windows of <paramref name="length"/> steps.</summary>
    /// <param name="batchSize">Windows in the batch.</param>
    /// <param name="length">Steps per window.</param>
    /// <param name="observationSize">Floats per observation.</param>
    /// <param name="actionSize">Action elements per step.</param>
    /// <param name="extraFields">The buffer's extra fields (none by default).</param>
    public SequenceBatch(int batchSize, int length, int observationSize, int actionSize = 1, IReadOnlyList<string>? extraFields = null)
        : base(checked(Positive(batchSize, nameof(batchSize)) * Positive(length, nameof(length))), observationSize, actionSize, extraFields)
    {
        BatchSize = batchSize;
        Length = length;
        int steps = batchSize * length;
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
