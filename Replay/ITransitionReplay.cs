namespace RlFramework.Replay;

/// <summary>
/// What a value-based agent needs from a transition replay, so it can switch between <see cref="ReplayBuffer{TAction}"/>
/// and <see cref="PrioritizedReplayBuffer{TAction}"/> (check for the latter to update priorities).
/// </summary>
/// <typeparam name="TAction">int (or long) for discrete actions, float (or double) for continuous ones.</typeparam>
public interface ITransitionReplay<TAction>
    where TAction : unmanaged
{
    /// <summary>Maximum number of transitions.</summary>
    int Capacity { get; }

    /// <summary>Transitions currently held.</summary>
    int Count { get; }

    /// <summary>Names of the extra int32 fields stored with every transition (none unless given at construction).</summary>
    IReadOnlyList<string> ExtraFields { get; }

    /// <summary>Adds one transition with a scalar action and its extra field values; returns its slot.</summary>
    int Add(ReadOnlySpan<float> observation, TAction action, float reward, ReadOnlySpan<float> nextObservation, bool terminated, bool truncated, ReadOnlySpan<int> extras = default);

    /// <summary>Adds one transition and its extra field values; returns its slot.</summary>
    int Add(ReadOnlySpan<float> observation, ReadOnlySpan<TAction> action, float reward, ReadOnlySpan<float> nextObservation, bool terminated, bool truncated, ReadOnlySpan<int> extras = default);

    /// <summary>Adds one transition per sub-environment (n = rewards.Length rows, extras n × extra fields values); returns the first slot.</summary>
    int AddBatch(ReadOnlySpan<float> observations, ReadOnlySpan<TAction> actions, ReadOnlySpan<float> rewards, ReadOnlySpan<float> nextObservations, ReadOnlySpan<bool> terminated, ReadOnlySpan<bool> truncated, ReadOnlySpan<int> extras = default);

    /// <summary>Fills a caller-owned batch (indices, rows and importance weights).</summary>
    void Sample(TransitionBatch<TAction> batch);

    /// <summary>Allocates a batch shaped for this replay.</summary>
    TransitionBatch<TAction> CreateBatch(int batchSize);

    /// <summary>Saves the replay atomically in MessagePack format.</summary>
    void Save(string path);
}
