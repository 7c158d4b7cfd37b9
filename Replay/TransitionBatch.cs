namespace RlFramework.Replay;

/// <summary>
/// A caller-owned batch of transitions that the buffers fill in place (allocate once, reuse every update).
/// Row i of each array belongs to transition i; observations are row-major, <see cref="ObservationSize"/> floats per row.
/// </summary>
/// <typeparam name="TAction">int for discrete actions, float for continuous ones (also long, double).</typeparam>
public sealed class TransitionBatch<TAction>
    where TAction : unmanaged
{
    /// <summary>Allocates a batch of <paramref name="size"/> transitions.</summary>
    public TransitionBatch(int size, int observationSize, int actionSize = 1)
    {
        Guard.Positive(size, nameof(size));
        Guard.Positive(observationSize, nameof(observationSize));
        Guard.Positive(actionSize, nameof(actionSize));
        Size = size;
        ObservationSize = observationSize;
        ActionSize = actionSize;
        Observations = new float[checked(size * observationSize)];
        NextObservations = new float[size * observationSize];
        Actions = new TAction[checked(size * actionSize)];
        Rewards = new float[size];
        Terminated = new bool[size];
        Truncated = new bool[size];
        Indices = new int[size];
        Weights = new float[size];
    }

    /// <summary>Number of transitions in the batch.</summary>
    public int Size { get; }

    /// <summary>Floats per observation.</summary>
    public int ObservationSize { get; }

    /// <summary>Action elements per transition (1 for a discrete action).</summary>
    public int ActionSize { get; }

    /// <summary>Observations, <see cref="Size"/> × <see cref="ObservationSize"/>.</summary>
    public float[] Observations { get; }

    /// <summary>Observations after the action, <see cref="Size"/> × <see cref="ObservationSize"/>.</summary>
    public float[] NextObservations { get; }

    /// <summary>Actions, <see cref="Size"/> × <see cref="ActionSize"/>.</summary>
    public TAction[] Actions { get; }

    /// <summary>Rewards.</summary>
    public float[] Rewards { get; }

    /// <summary>True where the episode ended in a terminal state (do not bootstrap).</summary>
    public bool[] Terminated { get; }

    /// <summary>True where the episode was cut short (bootstrap from the next observation).</summary>
    public bool[] Truncated { get; }

    /// <summary>Buffer slot of each transition (pass back to priority updates).</summary>
    public int[] Indices { get; }

    /// <summary>Importance-sampling weights (all 1 for uniform sampling).</summary>
    public float[] Weights { get; }

    /// <summary>The observation of row <paramref name="row"/>.</summary>
    public Span<float> ObservationAt(int row) => Observations.AsSpan(row * ObservationSize, ObservationSize);

    /// <summary>The next observation of row <paramref name="row"/>.</summary>
    public Span<float> NextObservationAt(int row) => NextObservations.AsSpan(row * ObservationSize, ObservationSize);
}
