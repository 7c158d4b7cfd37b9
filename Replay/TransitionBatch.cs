namespace RlFramework.Replay;

/// <summary>
/// A caller-owned batch of transitions that the buffers fill in place (allocate once, reuse every update).
/// Row i of each array belongs to transition i (see <see cref="TransitionRows{TAction}"/>).
/// </summary>
/// <typeparam name="TAction">int for discrete actions, float for continuous ones (also long, double).</typeparam>
public sealed class TransitionBatch<TAction> : TransitionRows<TAction>
    where TAction : unmanaged
{
    /// <summary>Allocates a batch of <paramref name="size"/> transitions.</summary>
    /// <param name="size">Transitions in the batch.</param>
    /// <param name="observationSize">Floats per observation.</param>
    /// <param name="actionSize">Action elements per transition.</param>
    /// <param name="extraFields">The buffer's extra fields (none by default).</param>
    public TransitionBatch(int size, int observationSize, int actionSize = 1, IReadOnlyList<string>? extraFields = null)
        : base(Positive(size, nameof(size)), observationSize, actionSize, extraFields)
    {
        Size = size;
        Indices = new int[size];
        Weights = new float[size];
    }

    /// <summary>Number of transitions in the batch.</summary>
    public int Size { get; }

    /// <summary>Buffer slot of each transition (pass back to priority updates).</summary>
    public int[] Indices { get; }

    /// <summary>Importance-sampling weights (all 1 for uniform sampling).</summary>
    public float[] Weights { get; }

    /// <summary>The observation of row <paramref name="row"/>.</summary>
    public Span<float> ObservationAt(int row) => Observations.AsSpan(row * ObservationSize, ObservationSize);

    /// <summary>The next observation of row <paramref name="row"/>.</summary>
    public Span<float> NextObservationAt(int row) => NextObservations.AsSpan(row * ObservationSize, ObservationSize);
}
