namespace RlFramework.Replay;

/// <summary>A read-only, zero-copy view of one whole episode stored in a <see cref="SequenceReplayBuffer{TAction}"/>.</summary>
/// <typeparam name="TAction">The buffer's action type.</typeparam>
public readonly ref struct EpisodeView<TAction>
    where TAction : unmanaged
{
    internal EpisodeView(long id, int length, ReadOnlySpan<float> observations, ReadOnlySpan<float> nextObservations, ReadOnlySpan<TAction> actions, ReadOnlySpan<float> rewards, ReadOnlySpan<bool> terminated, ReadOnlySpan<bool> truncated)
    {
        Id = id;
        Length = length;
        Observations = observations;
        NextObservations = nextObservations;
        Actions = actions;
        Rewards = rewards;
        Terminated = terminated;
        Truncated = truncated;
    }

    /// <summary>Episode id (count of episodes completed before it).</summary>
    public long Id { get; }

    /// <summary>Number of steps.</summary>
    public int Length { get; }

    /// <summary>Observations, [Length, ObservationSize].</summary>
    public ReadOnlySpan<float> Observations { get; }

    /// <summary>Next observations, [Length, ObservationSize] (the last row is the final observation).</summary>
    public ReadOnlySpan<float> NextObservations { get; }

    /// <summary>Actions, [Length, ActionSize].</summary>
    public ReadOnlySpan<TAction> Actions { get; }

    /// <summary>Rewards, [Length].</summary>
    public ReadOnlySpan<float> Rewards { get; }

    /// <summary>Terminal flags, [Length].</summary>
    public ReadOnlySpan<bool> Terminated { get; }

    /// <summary>Truncation flags, [Length].</summary>
    public ReadOnlySpan<bool> Truncated { get; }
}
