using System.Runtime.Intrinsics.X86;
using MessagePack;
using RlFramework.Replay.Episodes;
using RlFramework.Replay.Files;

namespace RlFramework.Replay;

/// <summary>
/// Uniform experience replay: a ring buffer of transitions in preallocated arrays (observation, action, reward,
/// next observation, terminated, truncated). Adding and sampling allocate nothing; sampling is uniform with
/// replacement from a seeded <see cref="ReplayRandom"/>.
/// </summary>
/// <typeparam name="TAction">int (or long) for discrete actions, float (or double) for continuous ones.</typeparam>
/// <remarks>Not thread-safe: add and sample from one thread (or lock around calls).</remarks>
public sealed class ReplayBuffer<TAction> : ITransitionReplay<TAction>
    where TAction : unmanaged
{
    internal const string FileFormat = "rlframework.replay.uniform";
    private readonly float[] _observations;
    private readonly float[] _nextObservations;
    private readonly TAction[] _actions;
    private readonly float[] _rewards;
    private readonly bool[] _terminated;
    private readonly bool[] _truncated;

    /// <summary>Creates an empty buffer of <paramref name="capacity"/> transitions.</summary>
    /// <param name="capacity">Maximum number of transitions; the oldest is overwritten when full.</param>
    /// <param name="observationSize">Floats per observation (4 for CartPole).</param>
    /// <param name="actionSize">Action elements per transition (1 for a discrete action).</param>
    /// <param name="seed">Seed of the sampling random source.</param>
    public ReplayBuffer(int capacity, int observationSize, int actionSize = 1, long seed = 0)
    {
        Guard.ActionType<TAction>();
        Guard.Positive(capacity, nameof(capacity));
        Guard.Positive(observationSize, nameof(observationSize));
        Guard.Positive(actionSize, nameof(actionSize));
        Capacity = capacity;
        ObservationSize = observationSize;
        ActionSize = actionSize;
        _observations = new float[checked(capacity * observationSize)];
        _nextObservations = new float[capacity * observationSize];
        _actions = new TAction[checked(capacity * actionSize)];
        _rewards = new float[capacity];
        _terminated = new bool[capacity];
        _truncated = new bool[capacity];
        Random = new ReplayRandom(seed);
    }

    /// <summary>Maximum number of transitions held.</summary>
    public int Capacity { get; }

    /// <summary>Floats per observation.</summary>
    public int ObservationSize { get; }

    /// <summary>Action elements per transition.</summary>
    public int ActionSize { get; }

    /// <summary>Transitions currently held (at most <see cref="Capacity"/>).</summary>
    public int Count { get; private set; }

    /// <summary>Slot the next transition goes to.</summary>
    public int Position { get; private set; }

    /// <summary>Transitions added since creation (including overwritten ones).</summary>
    public long TotalAdded { get; private set; }

    /// <summary>The seeded random source used by <see cref="Sample(TransitionBatch{TAction})"/>; its state is saved with the buffer.</summary>
    public ReplayRandom Random { get; }

    /// <summary>Adds one transition with a scalar (discrete) action.</summary>
    public int Add(ReadOnlySpan<float> observation, TAction action, float reward, ReadOnlySpan<float> nextObservation, bool terminated, bool truncated) =>
        Add(observation, new ReadOnlySpan<TAction>(in action), reward, nextObservation, terminated, truncated);

    /// <summary>Adds one transition and returns the slot it was written to.</summary>
    public int Add(ReadOnlySpan<float> observation, ReadOnlySpan<TAction> action, float reward, ReadOnlySpan<float> nextObservation, bool terminated, bool truncated)
    {
        Guard.Length(observation.Length, ObservationSize, nameof(observation), "the observation size");
        Guard.Length(nextObservation.Length, ObservationSize, nameof(nextObservation), "the observation size");
        Guard.Length(action.Length, ActionSize, nameof(action), "the action size");
        int slot = Position;
        observation.CopyTo(_observations.AsSpan(slot * ObservationSize, ObservationSize));
        nextObservation.CopyTo(_nextObservations.AsSpan(slot * ObservationSize, ObservationSize));
        action.CopyTo(_actions.AsSpan(slot * ActionSize, ActionSize));
        _rewards[slot] = reward;
        _terminated[slot] = terminated;
        _truncated[slot] = truncated;
        Advance(1);
        return slot;
    }

    /// <summary>
    /// Adds n transitions at once (one per sub-environment of a vector env); n is <c>rewards.Length</c> and the other
    /// spans hold n rows. Returns the slot of the first one (later ones follow, wrapping at the capacity).
    /// </summary>
    public int AddBatch(ReadOnlySpan<float> observations, ReadOnlySpan<TAction> actions, ReadOnlySpan<float> rewards, ReadOnlySpan<float> nextObservations, ReadOnlySpan<bool> terminated, ReadOnlySpan<bool> truncated)
    {
        int n = rewards.Length;
        Guard.Rows(observations.Length, n, ObservationSize, nameof(observations));
        Guard.Rows(nextObservations.Length, n, ObservationSize, nameof(nextObservations));
        Guard.Rows(actions.Length, n, ActionSize, nameof(actions));
        Guard.PerRow(terminated.Length, n, nameof(terminated));
        Guard.PerRow(truncated.Length, n, nameof(truncated));
        int first = Position;
        int done = 0;
        while (done < n)
        {
            // Copy the longest run that fits before the end of the ring.
            int slot = Position;
            int run = Math.Min(n - done, Capacity - slot);
            if (run > Capacity)
            {
                run = Capacity;
            }

            observations.Slice(done * ObservationSize, run * ObservationSize).CopyTo(_observations.AsSpan(slot * ObservationSize));
            nextObservations.Slice(done * ObservationSize, run * ObservationSize).CopyTo(_nextObservations.AsSpan(slot * ObservationSize));
            actions.Slice(done * ActionSize, run * ActionSize).CopyTo(_actions.AsSpan(slot * ActionSize));
            rewards.Slice(done, run).CopyTo(_rewards.AsSpan(slot));
            terminated.Slice(done, run).CopyTo(_terminated.AsSpan(slot));
            truncated.Slice(done, run).CopyTo(_truncated.AsSpan(slot));
            Advance(run);
            done += run;
        }

        return first;
    }

    /// <summary>Adds every step of a recorded episode (e.g. read with <see cref="EpisodeReader"/>) as a transition.</summary>
    public void AddEpisode(Episode<TAction> episode)
    {
        ArgumentNullException.ThrowIfNull(episode);
        if (episode.ObservationSize != ObservationSize || episode.ActionSize != ActionSize)
        {
            throw new ArgumentException(
                $"Episode has observation size {episode.ObservationSize} and action size {episode.ActionSize}; this buffer has {ObservationSize} and {ActionSize}.",
                nameof(episode));
        }

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
        int o = ObservationSize, a = ActionSize;
        int[] indices = batch.Indices;
        for (int i = 0; i < indices.Length; i++)
        {
            int slot = indices[i];
            if ((uint)slot >= (uint)Count)
            {
                throw new ArgumentOutOfRangeException(nameof(batch), slot, $"batch.Indices[{i}] = {slot}; expected a slot in [0, {Count}).");
            }
        }

        Prefetch(indices);
        for (int i = 0; i < indices.Length; i++)
        {
            int slot = indices[i];
            CopyRow(_observations.AsSpan(slot * o, o), batch.Observations.AsSpan(i * o, o));
            CopyRow(_nextObservations.AsSpan(slot * o, o), batch.NextObservations.AsSpan(i * o, o));
            CopyRow(_actions.AsSpan(slot * a, a), batch.Actions.AsSpan(i * a, a));

            batch.Rewards[i] = _rewards[slot];
            batch.Terminated[i] = _terminated[slot];
            batch.Truncated[i] = _truncated[slot];
        }
    }

    /// <summary>
    /// Asks the CPU to load every row <paramref name="slots"/> will read before the copy starts, so that the cache
    /// misses of a random batch overlap instead of stalling one after another (the buffer is larger than L2).
    /// </summary>
    private unsafe void Prefetch(int[] slots)
    {
        if (!Sse.IsSupported)
        {
            return;
        }

        int o = ObservationSize, a = ActionSize;
        fixed (float* observations = _observations, next = _nextObservations, rewards = _rewards)
        fixed (TAction* actions = _actions)
        fixed (bool* terminated = _terminated, truncated = _truncated)
        {
            foreach (int slot in slots)
            {
                Sse.Prefetch0(observations + (slot * o));
                Sse.Prefetch0(next + (slot * o));
                Sse.Prefetch0(actions + (slot * a));
                Sse.Prefetch0(rewards + slot);
                Sse.Prefetch0(terminated + slot);
                Sse.Prefetch0(truncated + slot);
            }
        }
    }

    /// <summary>
    /// Copies one stored row: element by element when it is short (CartPole's 4 floats, a 1- or 2-element action),
    /// where a block copy's call costs more than the copy itself.
    /// </summary>
    private static void CopyRow<T>(Span<T> source, Span<T> destination)
    {
        if (source.Length > ShortRow)
        {
            source.CopyTo(destination);
            return;
        }

        for (int j = 0; j < source.Length; j++)
        {
            destination[j] = source[j];
        }
    }

    /// <summary>The longest row <see cref="CopyRow{T}"/> copies element by element.</summary>
    private const int ShortRow = 8;

    /// <summary>Allocates a batch shaped for this buffer (do this once, then reuse it).</summary>
    public TransitionBatch<TAction> CreateBatch(int batchSize) => new(batchSize, ObservationSize, ActionSize);

    /// <summary>The stored observation in <paramref name="slot"/>.</summary>
    public ReadOnlySpan<float> ObservationAt(int slot) => _observations.AsSpan(CheckSlot(slot) * ObservationSize, ObservationSize);

    /// <summary>The stored next observation in <paramref name="slot"/>.</summary>
    public ReadOnlySpan<float> NextObservationAt(int slot) => _nextObservations.AsSpan(CheckSlot(slot) * ObservationSize, ObservationSize);

    /// <summary>The stored action in <paramref name="slot"/>.</summary>
    public ReadOnlySpan<TAction> ActionAt(int slot) => _actions.AsSpan(CheckSlot(slot) * ActionSize, ActionSize);

    /// <summary>The stored reward in <paramref name="slot"/>.</summary>
    public float RewardAt(int slot) => _rewards[CheckSlot(slot)];

    /// <summary>The stored (terminated, truncated) flags in <paramref name="slot"/>.</summary>
    public (bool Terminated, bool Truncated) FlagsAt(int slot) => (_terminated[CheckSlot(slot)], _truncated[slot]);

    /// <summary>Empties the buffer (the random source keeps its state).</summary>
    public void Clear()
    {
        Count = 0;
        Position = 0;
    }

    /// <summary>Saves the buffer (contents, counters and random state) to <paramref name="path"/> atomically in MessagePack format.</summary>
    public void Save(string path) => ChecksummedFile.Write(path, FieldCount, WriteFields);

    /// <summary>Loads a buffer saved by <see cref="Save"/>; a truncated or corrupt file is refused with <see cref="InvalidDataException"/>.</summary>
    public static ReplayBuffer<TAction> Load(string path)
    {
        var f = new FieldReader(path);
        f.Format(FileFormat, 1);
        ReplayBuffer<TAction> buffer = ReadFields(ref f, path);
        f.End();
        return buffer;
    }

    internal const int FieldCount = ReplayFileFields.Header + BodyFieldCount;

    /// <summary>The layout, count, position, total_added, rng and the columns.</summary>
    internal const int BodyFieldCount = ReplayFileFields.Layout + 4 + ReplayFileFields.Columns;

    internal void WriteFields(ref MessagePackWriter w)
    {
        ReplayFileFields.WriteHeader(ref w, FileFormat);
        WriteBody(ref w);
    }

    /// <summary>Writes the <see cref="BodyFieldCount"/> fields after format/version.</summary>
    internal void WriteBody(ref MessagePackWriter w)
    {
        ReplayFileFields.WriteLayout<TAction>(ref w, Capacity, ObservationSize, ActionSize);
        w.Write("count");
        w.Write(Count);
        w.Write("position");
        w.Write(Position);
        w.Write("total_added");
        w.Write(TotalAdded);
        w.Write("rng");
        var (s0, s1, s2, s3) = Random.State;
        w.WriteArrayHeader(4);
        w.Write(s0);
        w.Write(s1);
        w.Write(s2);
        w.Write(s3);
        ReplayFileFields.WriteColumns<TAction>(ref w, _observations.AsSpan(0, Count * ObservationSize), _nextObservations.AsSpan(0, Count * ObservationSize),
            _actions.AsSpan(0, Count * ActionSize), _rewards.AsSpan(0, Count), _terminated.AsSpan(0, Count), _truncated.AsSpan(0, Count));
    }

    internal static ReplayBuffer<TAction> ReadFields(ref FieldReader f, string path)
    {
        var (capacity, observationSize, actionSize) = ReplayFileFields.ReadLayout<TAction>(ref f, path);
        int count = f.Int32("count", 0, capacity);
        int position = f.Int32("position", 0, capacity - 1);
        long total = f.Int64("total_added");
        if (total < count || (count < capacity && position != count))
        {
            throw new InvalidDataException($"File '{path}' has inconsistent counters: count {count}, position {position}, total_added {total}, capacity {capacity}.");
        }

        var buffer = new ReplayBuffer<TAction>(capacity, observationSize, actionSize);
        buffer.Random.State = f.RandomState();
        f.Array<float>("observations", buffer._observations.AsSpan(0, count * observationSize));
        f.Array<float>("next_observations", buffer._nextObservations.AsSpan(0, count * observationSize));
        f.Array<TAction>("actions", buffer._actions.AsSpan(0, count * actionSize));
        f.Array<float>("rewards", buffer._rewards.AsSpan(0, count));
        f.Array<bool>("terminated", buffer._terminated.AsSpan(0, count));
        f.Array<bool>("truncated", buffer._truncated.AsSpan(0, count));
        buffer.Count = count;
        buffer.Position = position;
        buffer.TotalAdded = total;
        return buffer;
    }

    private void Advance(int n)
    {
        Position = (Position + n) % Capacity;
        Count = Math.Min(Capacity, Count + n);
        TotalAdded += n;
    }

    private int CheckSlot(int slot)
    {
        if ((uint)slot >= (uint)Count)
        {
            throw new ArgumentOutOfRangeException(nameof(slot), slot, $"Expected a slot in [0, {Count}).");
        }

        return slot;
    }

    private void CheckBatch(TransitionBatch<TAction> batch)
    {
        if (batch.ObservationSize != ObservationSize || batch.ActionSize != ActionSize)
        {
            throw new ArgumentException(
                $"Batch has observation size {batch.ObservationSize} and action size {batch.ActionSize}; this buffer has {ObservationSize} and {ActionSize}.",
                nameof(batch));
        }
    }
}
