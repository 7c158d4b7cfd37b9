using RlFramework.Replay.Storage;

namespace RlFramework.Replay;

/// <summary>A read-only, zero-copy view of one whole episode stored in a <see cref="SequenceReplayBuffer{TAction}"/>.</summary>
/// <typeparam name="TAction">The buffer's action type.</typeparam>
public readonly ref struct EpisodeView<TAction>
    where TAction : unmanaged
{
    private readonly TransitionColumns<TAction> _columns;
    private readonly int _start;

    internal EpisodeView(long id, TransitionColumns<TAction> columns, int start, int length)
    {
        Id = id;
        Length = length;
        _columns = columns;
        _start = start;
    }

    /// <summary>Episode id (count of episodes completed before it).</summary>
    public long Id { get; }

    /// <summary>Number of steps.</summary>
    public int Length { get; }

    /// <summary>Observations, [Length, ObservationSize].</summary>
    public ReadOnlySpan<float> Observations => _columns.Observations.AsSpan(_start * _columns.ObservationSize, Length * _columns.ObservationSize);

    /// <summary>Next observations, [Length, ObservationSize] (the last row is the final observation).</summary>
    public ReadOnlySpan<float> NextObservations => _columns.NextObservations.AsSpan(_start * _columns.ObservationSize, Length * _columns.ObservationSize);

    /// <summary>Actions, [Length, ActionSize].</summary>
    public ReadOnlySpan<TAction> Actions => _columns.Actions.AsSpan(_start * _columns.ActionSize, Length * _columns.ActionSize);

    /// <summary>Rewards, [Length].</summary>
    public ReadOnlySpan<float> Rewards => _columns.Rewards.AsSpan(_start, Length);

    /// <summary>Terminal flags, [Length].</summary>
    public ReadOnlySpan<bool> Terminated => _columns.Terminated.AsSpan(_start, Length);

    /// <summary>Truncation flags, [Length].</summary>
    public ReadOnlySpan<bool> Truncated => _columns.Truncated.AsSpan(_start, Length);

    /// <summary>Values of extra field <paramref name="name"/>, [Length].</summary>
    public ReadOnlySpan<int> Extra(string name) => _columns.Extras[ExtraFieldNames.IndexOf(_columns.ExtraFields, name)].AsSpan(_start, Length);
}
