using MessagePack;
using RlFramework.Replay.Episodes;
using RlFramework.Replay.Files;
using RlFramework.Replay.Storage;

namespace RlFramework.Replay;

/// <summary>
/// Uniform experience replay: a ring of transitions in preallocated columns (observation, action, reward, next
/// observation, terminated, truncated, and any named extra fields). Adding and sampling allocate nothing; sampling is
/// uniform with replacement from a seeded <see cref="ReplayRandom"/>.
/// </summary>
/// <typeparam name="TAction">int (or long) for discrete actions, float (or double) for continuous ones.</typeparam>
/// <remarks>Not thread-safe: add and sample from one thread (or lock around calls).</remarks>
public sealed class ReplayBuffer<TAction> : ITransitionReplay<TAction>
    where TAction : unmanaged
{
    internal const string FileFormat = "rlframework.replay.uniform";

    /// <summary>total_added.</summary>
    internal const int OwnFileFields = 1;

    private readonly TransitionRing<TAction> _ring;

    /// <summary>Creates an empty buffer of <paramref name="capacity"/> transitions.</summary>
    /// <param name="capacity">Maximum number of transitions; the oldest is overwritten when full.</param>
    /// <param name="observationSize">Floats per observation (4 for CartPole).</param>
    /// <param name="actionSize">Action elements per transition (1 for a discrete action).</param>
    /// <param name="seed">Seed of the sampling random source.</param>
    /// <param name="extraFields">Names of extra int32 fields stored with each transition (e.g. <c>n_step_horizon</c>); none by default.</param>
    public ReplayBuffer(int capacity, int observationSize, int actionSize = 1, long seed = 0, IReadOnlyList<string>? extraFields = null)
    {
        Guard.ActionType<TAction>();
        _ring = new TransitionRing<TAction>(capacity, observationSize, actionSize, ExtraFieldNames.Check(extraFields, nameof(extraFields)));
        Random = new ReplayRandom(seed);
    }

    /// <inheritdoc/>
    public int Capacity => _ring.Capacity;

    /// <summary>Floats per observation.</summary>
    public int ObservationSize => _ring.Columns.ObservationSize;

    /// <summary>Action elements per transition.</summary>
    public int ActionSize => _ring.Columns.ActionSize;

    /// <inheritdoc/>
    public IReadOnlyList<string> ExtraFields => _ring.Columns.ExtraFields;

    /// <summary>Transitions currently held (at most <see cref="Capacity"/>).</summary>
    public int Count => _ring.Count;

    /// <summary>Slot the next transition goes to.</summary>
    public int Position => _ring.Position;

    /// <summary>Transitions added since creation (including overwritten ones).</summary>
    public long TotalAdded { get; private set; }

    /// <summary>The seeded random source used by <see cref="Sample(TransitionBatch{TAction})"/>; its state is saved with the buffer.</summary>
    public ReplayRandom Random { get; }

    /// <summary>The ring under the buffer.</summary>
    internal TransitionRing<TAction> Ring => _ring;

    /// <summary>Adds one transition with a scalar (discrete) action and its extra field values, if any; returns its slot.</summary>
    public int Add(ReadOnlySpan<float> observation, TAction action, float reward, ReadOnlySpan<float> nextObservation, bool terminated, bool truncated, ReadOnlySpan<int> extras = default) =>
        Add(observation, new ReadOnlySpan<TAction>(in action), reward, nextObservation, terminated, truncated, extras);

    /// <summary>Adds one transition and its extra field values (one per <see cref="ExtraFields"/>) and returns the slot it was written to.</summary>
    public int Add(ReadOnlySpan<float> observation, ReadOnlySpan<TAction> action, float reward, ReadOnlySpan<float> nextObservation, bool terminated, bool truncated, ReadOnlySpan<int> extras = default)
    {
        int slot = _ring.Add(observation, action, reward, nextObservation, terminated, truncated, extras);
        TotalAdded++;
        return slot;
    }

    /// <summary>
    /// Adds n transitions at once (one per sub-environment of a vector env); n is <c>rewards.Length</c> and the other
    /// spans hold n rows (extras: n × <see cref="ExtraFields"/> values). Returns the slot of the first one (later ones
    /// follow, wrapping at the capacity).
    /// </summary>
    public int AddBatch(ReadOnlySpan<float> observations, ReadOnlySpan<TAction> actions, ReadOnlySpan<float> rewards, ReadOnlySpan<float> nextObservations, ReadOnlySpan<bool> terminated, ReadOnlySpan<bool> truncated, ReadOnlySpan<int> extras = default)
    {
        int first = _ring.AddRows(observations, actions, rewards, nextObservations, terminated, truncated, extras);
        TotalAdded += rewards.Length;
        return first;
    }

    /// <summary>Adds every step of a recorded episode (e.g. read with <see cref="EpisodeReader"/>) as a transition (a buffer without extra fields).</summary>
    public void AddEpisode(Episode<TAction> episode)
    {
        ArgumentNullException.ThrowIfNull(episode);
        _ring.Columns.CheckShape("Episode", episode.ObservationSize, episode.ActionSize, nameof(episode));
        ReadOnlySpan<TAction> actions = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(episode.Actions);
        for (int t = 0; t < episode.Length; t++)
        {
            Add(episode.ObservationAt(t), actions.Slice(t * ActionSize, ActionSize), episode.Rewards[t], episode.ObservationAt(t + 1), episode.Terminated[t], episode.Truncated[t]);
        }
    }

    /// <summary>Fills <paramref name="batch"/> with transitions drawn uniformly with replacement (weights set to 1).</summary>
    public void Sample(TransitionBatch<TAction> batch) => Sample(batch, Random);

    /// <summary>Fills <paramref name="batch"/> with transitions drawn uniformly with replacement using <paramref name="random"/>.</summary>
    public void Sample(TransitionBatch<TAction> batch, ReplayRandom random)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(random);
        CheckBatch(batch);
        if (Count == 0)
        {
            throw new InvalidOperationException("Cannot sample from an empty replay buffer; add transitions first.");
        }

        int[] indices = batch.Indices;
        for (int i = 0; i < indices.Length; i++)
        {
            indices[i] = random.NextInt(Count);
        }

        Gather(batch);
        batch.Weights.AsSpan().Fill(1f);
    }

    /// <summary>Copies the transitions at the slots in <c>batch.Indices</c> into the batch's other arrays.</summary>
    public void Gather(TransitionBatch<TAction> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        CheckBatch(batch);
        int[] indices = batch.Indices;
        for (int i = 0; i < indices.Length; i++)
        {
            int slot = indices[i];
            if ((uint)slot >= (uint)Count)
            {
                throw new ArgumentOutOfRangeException(nameof(batch), slot, $"batch.Indices[{i}] = {slot}; expected a slot in [0, {Count}).");
            }
        }

        TransitionColumns<TAction> columns = _ring.Columns;
        columns.Prefetch(indices);
        for (int i = 0; i < indices.Length; i++)
        {
            columns.CopyRow(indices[i], batch.Columns, i);
        }
    }

    /// <inheritdoc/>
    public TransitionBatch<TAction> CreateBatch(int batchSize) => new(batchSize, ObservationSize, ActionSize, ExtraFields);

    /// <summary>The stored observation in <paramref name="slot"/>.</summary>
    public ReadOnlySpan<float> ObservationAt(int slot) => _ring.Columns.Observations.AsSpan(_ring.CheckRow(slot, nameof(slot)) * ObservationSize, ObservationSize);

    /// <summary>The stored next observation in <paramref name="slot"/>.</summary>
    public ReadOnlySpan<float> NextObservationAt(int slot) => _ring.Columns.NextObservations.AsSpan(_ring.CheckRow(slot, nameof(slot)) * ObservationSize, ObservationSize);

    /// <summary>The stored action in <paramref name="slot"/>.</summary>
    public ReadOnlySpan<TAction> ActionAt(int slot) => _ring.Columns.Actions.AsSpan(_ring.CheckRow(slot, nameof(slot)) * ActionSize, ActionSize);

    /// <summary>The stored reward in <paramref name="slot"/>.</summary>
    public float RewardAt(int slot) => _ring.Columns.Rewards[_ring.CheckRow(slot, nameof(slot))];

    /// <summary>The stored (terminated, truncated) flags in <paramref name="slot"/>.</summary>
    public (bool Terminated, bool Truncated) FlagsAt(int slot) => (_ring.Columns.Terminated[_ring.CheckRow(slot, nameof(slot))], _ring.Columns.Truncated[slot]);

    /// <summary>The stored value of extra field <paramref name="field"/> in <paramref name="slot"/>.</summary>
    public int ExtraAt(string field, int slot) => _ring.Columns.Extras[ExtraFieldNames.IndexOf(_ring.Columns.ExtraFields, field)][_ring.CheckRow(slot, nameof(slot))];

    /// <summary>Empties the buffer (the random source keeps its state).</summary>
    public void Clear() => _ring.Clear();

    /// <inheritdoc/>
    public void Save(string path) => ReplayFile.Save(path, FileFormat, _ring, Random, OwnFileFields, WriteOwnFields);

    /// <summary>Loads a buffer saved by <see cref="Save"/>; a truncated or corrupt file is refused with <see cref="InvalidDataException"/>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="formerActionExtras">
    /// For a file of format version 1 (written before extra fields existed, when agents kept such values as trailing
    /// action elements): the names of those trailing elements, which are loaded as extra fields. Ignored for later versions.
    /// </param>
    public static ReplayBuffer<TAction> Load(string path, IReadOnlyList<string>? formerActionExtras = null)
    {
        var f = ReplayFile.Open<TAction>(path, FileFormat, formerActionExtras, out ReplayLayout layout);
        ReplayBuffer<TAction> buffer = ReadFields(ref f, layout, path);
        f.End();
        return buffer;
    }

    /// <summary>Writes total_added.</summary>
    internal void WriteOwnFields(ref MessagePackWriter w)
    {
        w.Write("total_added");
        w.Write(TotalAdded);
    }

    /// <summary>Reads the ring, random state and total_added (version 1: count, position, total_added, rng, columns).</summary>
    internal static ReplayBuffer<TAction> ReadFields(ref FieldReader f, ReplayLayout layout, string path)
    {
        var buffer = new ReplayBuffer<TAction>(layout.Capacity, layout.ObservationSize, layout.ActionSize, extraFields: layout.ExtraFields);
        if (layout.Version == 1)
        {
            int count = f.Int32("count", 0, layout.Capacity);
            int position = f.Int32("position", 0, layout.Capacity - 1);
            buffer.TotalAdded = f.Int64("total_added");
            buffer.Random.State = f.RandomState();
            buffer._ring.Restore(count, position, path);
            buffer._ring.Columns.Read(ref f, count, layout);
        }
        else
        {
            buffer.Random.State = f.RandomState();
            buffer._ring.Read(ref f, layout, path);
            buffer.TotalAdded = f.Int64("total_added");
        }

        if (buffer.TotalAdded < buffer.Count || (buffer.Count < buffer.Capacity && buffer.Position != buffer.Count))
        {
            throw new InvalidDataException($"File '{path}' has inconsistent counters: count {buffer.Count}, position {buffer.Position}, total_added {buffer.TotalAdded}, capacity {buffer.Capacity}.");
        }

        return buffer;
    }

    private void CheckBatch(TransitionBatch<TAction> batch)
    {
        _ring.Columns.CheckShape("Batch", batch.ObservationSize, batch.ActionSize, nameof(batch));
        _ring.Columns.CheckExtraFields(batch.Columns.ExtraFields, nameof(batch));
    }
}
