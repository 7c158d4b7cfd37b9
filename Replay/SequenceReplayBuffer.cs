using MessagePack;
using RlFramework.Replay.Episodes;
using RlFramework.Replay.Files;
using RlFramework.Replay.Storage;

namespace RlFramework.Replay;

/// <summary>
/// Episode replay for recurrent agents. Steps are added per sub-environment; an episode enters the buffer when its
/// last step (terminated or truncated) arrives, and is stored contiguously in a ring of <see cref="Capacity"/> steps
/// (an episode that would cross the end of the ring starts again at 0). The oldest whole episodes are evicted to make
/// room. Each step may carry named extra fields (int32). Samples fixed-length windows with padding masks, or whole episodes. No allocation per add or sample once
/// each sub-environment's staging area has grown to its longest episode.
/// </summary>
/// <typeparam name="TAction">int (or long) for discrete actions, float (or double) for continuous ones.</typeparam>
/// <remarks>Not thread-safe: add and sample from one thread (or lock around calls). Full-window sampling keeps a sum tree for one window length; switching lengths rebuilds it (O(episodes · log capacity)).</remarks>
public sealed class SequenceReplayBuffer<TAction>
    where TAction : unmanaged
{
    internal const string FileFormat = "rlframework.replay.sequence";

    /// <summary>num_envs, episodes_added, head, window_length, episode_starts, episode_lengths, episode_ids, pending.</summary>
    private const int OwnFileFields = 8;

    private readonly TransitionRing<TAction> _ring;

    // Episode queue (ring over episode slots, oldest at _head).
    private readonly int[] _epStart;
    private readonly int[] _epLength;
    private readonly long[] _epId;
    private readonly SumTree _stepTree;     // leaf = episode length (AnyStep sampling)
    private readonly SumTree _windowTree;   // leaf = number of full-window starts for _windowTreeLength
    private readonly TransitionColumns<TAction>[] _pending;
    private readonly int[] _pendingLengths;
    private TransitionColumns<TAction>? _import;
    private int _windowTreeLength;
    private int _head;

    /// <summary>Creates an empty buffer holding up to <paramref name="capacity"/> steps.</summary>
    /// <param name="capacity">Steps held across all stored episodes; an episode may not be longer.</param>
    /// <param name="observationSize">Floats per observation.</param>
    /// <param name="actionSize">Action elements per step (1 for a discrete action).</param>
    /// <param name="numEnvs">Sub-environments adding steps concurrently (each has its own episode in progress).</param>
    /// <param name="seed">Seed of the sampling random source.</param>
    /// <param name="extraFields">Names of extra int32 fields stored with each step (e.g. <c>previous_action</c>); none by default.</param>
    public SequenceReplayBuffer(int capacity, int observationSize, int actionSize = 1, int numEnvs = 1, long seed = 0, IReadOnlyList<string>? extraFields = null)
        : this(new TransitionRing<TAction>(capacity, observationSize, actionSize, ExtraFieldNames.Check(extraFields, nameof(extraFields))), numEnvs, seed)
    {
    }

    private SequenceReplayBuffer(TransitionRing<TAction> ring, int numEnvs, long seed)
    {
        Guard.ActionType<TAction>();
        Guard.Positive(numEnvs, nameof(numEnvs));
        _ring = ring;
        NumEnvs = numEnvs;
        int capacity = ring.Capacity;
        _epStart = new int[capacity];
        _epLength = new int[capacity];
        _epId = new long[capacity];
        _stepTree = new SumTree(capacity);
        _windowTree = new SumTree(capacity);
        _windowTreeLength = 1;
        _pending = new TransitionColumns<TAction>[numEnvs];
        _pendingLengths = new int[numEnvs];
        for (int e = 0; e < numEnvs; e++)
        {
            _pending[e] = NewEpisode(Math.Min(capacity, 1024));
        }

        Random = new ReplayRandom(seed);
    }

    /// <summary>Maximum number of stored steps.</summary>
    public int Capacity => _ring.Capacity;

    /// <summary>Floats per observation.</summary>
    public int ObservationSize => _ring.Columns.ObservationSize;

    /// <summary>Action elements per step.</summary>
    public int ActionSize => _ring.Columns.ActionSize;

    /// <summary>Names of the extra int32 fields stored with every step.</summary>
    public IReadOnlyList<string> ExtraFields => _ring.Columns.ExtraFields;

    /// <summary>Number of sub-environments.</summary>
    public int NumEnvs { get; }

    /// <summary>Complete episodes held.</summary>
    public int EpisodeCount { get; private set; }

    /// <summary>Steps held in complete episodes.</summary>
    public int StepCount { get; private set; }

    /// <summary>Episodes completed since creation (the next episode's id).</summary>
    public long EpisodesAdded { get; private set; }

    /// <summary>The seeded random source used for sampling; saved with the buffer.</summary>
    public ReplayRandom Random { get; }

    /// <summary>Steps of sub-environment <paramref name="env"/>'s episode in progress (not yet sampleable).</summary>
    public int PendingLength(int env) => _pendingLengths[CheckEnv(env)];

    /// <summary>Appends a step with a scalar action (and its extra field values) to sub-environment <paramref name="env"/>'s episode; the episode is stored when terminated or truncated.</summary>
    public void Add(int env, ReadOnlySpan<float> observation, TAction action, float reward, ReadOnlySpan<float> nextObservation, bool terminated, bool truncated, ReadOnlySpan<int> extras = default) =>
        Add(env, observation, new ReadOnlySpan<TAction>(in action), reward, nextObservation, terminated, truncated, extras);

    /// <summary>Appends a step and its extra field values to sub-environment <paramref name="env"/>'s episode; the episode is stored when terminated or truncated.</summary>
    public void Add(int env, ReadOnlySpan<float> observation, ReadOnlySpan<TAction> action, float reward, ReadOnlySpan<float> nextObservation, bool terminated, bool truncated, ReadOnlySpan<int> extras = default)
    {
        CheckEnv(env);
        _ring.Columns.CheckStep(observation, action, nextObservation, extras);
        int n = _pendingLengths[env];
        if (n == Capacity)
        {
            throw new InvalidOperationException($"Episode in progress on env {env} already has {n} steps, the buffer capacity; expected episodes no longer than {Capacity} steps.");
        }

        TransitionColumns<TAction> p = _pending[env];
        p.EnsureRows(n + 1);
        p.Set(n, observation, action, reward, nextObservation, terminated, truncated, extras);
        _pendingLengths[env] = n + 1;
        if (terminated || truncated)
        {
            Commit(p, n + 1);
            _pendingLengths[env] = 0;
        }
    }

    /// <summary>Appends one step for every sub-environment (rows in env order, <see cref="NumEnvs"/> rows each; extras <see cref="NumEnvs"/> × extra fields values).</summary>
    public void AddBatch(ReadOnlySpan<float> observations, ReadOnlySpan<TAction> actions, ReadOnlySpan<float> rewards, ReadOnlySpan<float> nextObservations, ReadOnlySpan<bool> terminated, ReadOnlySpan<bool> truncated, ReadOnlySpan<int> extras = default)
    {
        int n = NumEnvs, o = ObservationSize, a = ActionSize, x = ExtraFields.Count;
        Guard.PerRow(rewards.Length, n, nameof(rewards));
        _ring.Columns.CheckSteps(n, observations, actions, nextObservations, terminated, truncated, extras);
        for (int e = 0; e < n; e++)
        {
            Add(e, observations.Slice(e * o, o), actions.Slice(e * a, a), rewards[e], nextObservations.Slice(e * o, o), terminated[e], truncated[e], extras.Slice(e * x, x));
        }
    }

    /// <summary>
    /// Stores a recorded episode (e.g. read with <see cref="EpisodeReader"/>) as one complete episode, whether or not
    /// its last step is flagged; episodes in progress on the sub-environments are not affected (a buffer without extra fields).
    /// </summary>
    public void AddEpisode(Episode<TAction> episode)
    {
        ArgumentNullException.ThrowIfNull(episode);
        _ring.Columns.CheckShape("Episode", episode.ObservationSize, episode.ActionSize, nameof(episode));
        int n = episode.Length;
        if (n == 0 || n > Capacity)
        {
            throw new ArgumentException($"Episode has {n} steps; expected between 1 and the capacity {Capacity}.", nameof(episode));
        }

        _import ??= NewEpisode(n);
        _import.EnsureRows(n);
        ReadOnlySpan<TAction> actions = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(episode.Actions);
        for (int t = 0; t < n; t++)
        {
            _import.Set(t, episode.ObservationAt(t), actions.Slice(t * ActionSize, ActionSize), episode.Rewards[t], episode.ObservationAt(t + 1), episode.Terminated[t], episode.Truncated[t], default);
        }

        Commit(_import, n);
    }

    /// <summary>Fills <paramref name="batch"/> with windows of <c>batch.Length</c> steps at random start points (see <see cref="WindowStart"/>).</summary>
    public void SampleWindows(SequenceBatch<TAction> batch, WindowStart start = WindowStart.FullWindows) => SampleWindows(batch, start, Random);

    /// <summary>Fills <paramref name="batch"/> with windows sampled using <paramref name="random"/>.</summary>
    public void SampleWindows(SequenceBatch<TAction> batch, WindowStart start, ReplayRandom random)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(random);
        CheckSampleable(batch);
        int length = batch.Length;
        SumTree tree;
        if (start == WindowStart.FullWindows)
        {
            if (_windowTreeLength != length)
            {
                RebuildWindowTree(length);
            }

            tree = _windowTree;
        }
        else if (start == WindowStart.AnyStep)
        {
            tree = _stepTree;
        }
        else
        {
            throw new ArgumentOutOfRangeException(nameof(start), start, "Expected WindowStart.FullWindows or WindowStart.AnyStep.");
        }

        double total = tree.Total;
        for (int b = 0; b < batch.BatchSize; b++)
        {
            // Draw an integer "start number" uniformly, locate its episode, and the offset within it.
            long k = (long)(random.NextDouble() * total);
            int slot = tree.FindPrefixSum(k);
            long before = k - PrefixBefore(tree, slot);
            int offset = (int)Math.Clamp(before, 0, (long)tree[slot] - 1);
            FillWindow(batch, b, slot, offset);
        }
    }

    /// <summary>Returns the index (0 = oldest) of an episode drawn uniformly from the stored ones.</summary>
    public int SampleEpisode() => SampleEpisode(Random);

    /// <summary>Returns the index (0 = oldest) of an episode drawn uniformly using <paramref name="random"/>.</summary>
    public int SampleEpisode(ReplayRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (EpisodeCount == 0)
        {
            throw new InvalidOperationException("Cannot sample: no complete episode is stored yet.");
        }

        return random.NextInt(EpisodeCount);
    }

    /// <summary>
    /// Fills <paramref name="batch"/> with whole episodes drawn uniformly, each from its first step; episodes longer
    /// than <c>batch.Length</c> are cut there (<see cref="SequenceBatch{TAction}.ValidLengths"/> tells), shorter ones padded.
    /// </summary>
    public void SampleEpisodes(SequenceBatch<TAction> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        CheckSampleable(batch);
        for (int b = 0; b < batch.BatchSize; b++)
        {
            FillWindow(batch, b, SlotOf(SampleEpisode(Random)), 0);
        }
    }

    /// <summary>A zero-copy view of stored episode <paramref name="index"/> (0 = oldest, <see cref="EpisodeCount"/> - 1 = newest).</summary>
    public EpisodeView<TAction> GetEpisode(int index)
    {
        if ((uint)index >= (uint)EpisodeCount)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"Expected an episode index in [0, {EpisodeCount}).");
        }

        int slot = SlotOf(index);
        return new EpisodeView<TAction>(_epId[slot], _ring.Columns, _epStart[slot], _epLength[slot]);
    }

    /// <summary>Allocates a window batch shaped for this buffer (once; reuse it).</summary>
    public SequenceBatch<TAction> CreateBatch(int batchSize, int length) => new(batchSize, length, ObservationSize, ActionSize, ExtraFields);

    /// <summary>Saves stored episodes, episodes in progress, layout and random state atomically in MessagePack format.</summary>
    public void Save(string path) => ReplayFile.Save(path, FileFormat, _ring, Random, OwnFileFields, WriteOwnFields);

    /// <summary>Loads a buffer saved by <see cref="Save"/>; a truncated or corrupt file is refused with <see cref="InvalidDataException"/>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="formerActionExtras">
    /// For a file of format version 1 (written before extra fields existed, when agents kept such values as trailing
    /// action elements): the names of those trailing elements, which are loaded as extra fields. Ignored for later versions.
    /// </param>
    public static SequenceReplayBuffer<TAction> Load(string path, IReadOnlyList<string>? formerActionExtras = null)
    {
        var f = ReplayFile.Open<TAction>(path, FileFormat, formerActionExtras, out ReplayLayout layout);
        SequenceReplayBuffer<TAction> buffer = layout.Version == 1 ? ReadVersion1(ref f, layout, path) : ReadFields(ref f, layout, path);
        f.End();
        return buffer;
    }

    private TransitionColumns<TAction> NewEpisode(int rows) => new(rows, ObservationSize, ActionSize, _ring.Columns.ExtraFields);

    private void Commit(TransitionColumns<TAction> episode, int n)
    {
        int w = _ring.Position;
        if (w + n > Capacity)
        {
            // Wrap: the tail [w, Capacity) holds the oldest episodes; drop them, then write from 0.
            EvictOverlapping(w, Capacity);
            _ring.Rewind();
            w = 0;
        }

        EvictOverlapping(w, w + n);
        _ring.Append(episode, n);
        int slot = (_head + EpisodeCount) % Capacity;
        _epStart[slot] = w;
        _epLength[slot] = n;
        _epId[slot] = EpisodesAdded++;
        _stepTree[slot] = n;
        _windowTree[slot] = WindowStarts(n, _windowTreeLength);
        EpisodeCount++;
        StepCount += n;
    }

    private void EvictOverlapping(int from, int to)
    {
        while (EpisodeCount > 0)
        {
            int slot = _head;
            int s = _epStart[slot];
            if (!(s < to && from < s + _epLength[slot]))
            {
                return;
            }

            StepCount -= _epLength[slot];
            _stepTree[slot] = 0;
            _windowTree[slot] = 0;
            _head = (_head + 1) % Capacity;
            EpisodeCount--;
        }
    }

    private void FillWindow(SequenceBatch<TAction> batch, int b, int slot, int offset)
    {
        int length = batch.Length;
        int valid = Math.Min(length, _epLength[slot] - offset);
        int row = b * length;
        _ring.Columns.CopyRows(_epStart[slot] + offset, batch.Columns, row, valid);
        batch.Mask.AsSpan(row, valid).Fill(1f);
        batch.IsFirst.AsSpan(row, length).Clear();
        batch.IsFirst[row] = offset == 0;
        int pad = length - valid;
        if (pad > 0)
        {
            batch.Columns.ClearRows(row + valid, pad);
            batch.Mask.AsSpan(row + valid, pad).Clear();
        }

        batch.ValidLengths[b] = valid;
        batch.EpisodeIds[b] = _epId[slot];
        batch.StartSteps[b] = offset;
    }

    // Leaves hold integers (step counts), so these double sums are exact.
    private static long PrefixBefore(SumTree tree, int slot) => (long)tree.PrefixSumBefore(slot);

    private static int WindowStarts(int episodeLength, int windowLength) => Math.Max(1, episodeLength - windowLength + 1);

    private void RebuildWindowTree(int length)
    {
        _windowTreeLength = length;
        for (int i = 0; i < EpisodeCount; i++)
        {
            int slot = (_head + i) % Capacity;
            _windowTree[slot] = WindowStarts(_epLength[slot], length);
        }
    }

    private int SlotOf(int index) => (_head + index) % Capacity;

    private int CheckEnv(int env)
    {
        if ((uint)env >= (uint)NumEnvs)
        {
            throw new ArgumentOutOfRangeException(nameof(env), env, $"Expected a sub-environment index in [0, {NumEnvs}).");
        }

        return env;
    }

    private void CheckSampleable(SequenceBatch<TAction> batch)
    {
        _ring.Columns.CheckShape("Batch", batch.ObservationSize, batch.ActionSize, nameof(batch));
        _ring.Columns.CheckExtraFields(batch.Columns.ExtraFields, nameof(batch));
        if (EpisodeCount == 0)
        {
            throw new InvalidOperationException("Cannot sample: no complete episode is stored yet.");
        }
    }

    /// <summary>The episode table (oldest first) and the episodes in progress, after the ring.</summary>
    private void WriteOwnFields(ref MessagePackWriter w)
    {
        w.Write("num_envs");
        w.Write(NumEnvs);
        w.Write("episodes_added");
        w.Write(EpisodesAdded);
        w.Write("head");
        w.Write(_head);
        w.Write("window_length");
        w.Write(_windowTreeLength);
        int e = EpisodeCount;
        var starts = new int[e];
        var lengths = new int[e];
        var ids = new long[e];
        for (int i = 0; i < e; i++)
        {
            int slot = SlotOf(i);
            (starts[i], lengths[i], ids[i]) = (_epStart[slot], _epLength[slot], _epId[slot]);
        }

        w.Write("episode_starts");
        w.WriteLittleEndianArray<int>(starts);
        w.Write("episode_lengths");
        w.WriteLittleEndianArray<int>(lengths);
        w.Write("episode_ids");
        w.WriteLittleEndianArray<long>(ids);
        w.Write("pending");
        w.WriteArrayHeader(NumEnvs);
        for (int env = 0; env < NumEnvs; env++)
        {
            w.WriteMapHeader(1 + TransitionColumns<TAction>.FileFields);
            w.Write("count");
            w.Write(_pendingLengths[env]);
            _pending[env].Write(ref w, _pendingLengths[env]);
        }
    }

    /// <summary>Version 2: rng, the ring, then <see cref="WriteOwnFields"/>'s fields.</summary>
    private static SequenceReplayBuffer<TAction> ReadFields(ref FieldReader f, ReplayLayout layout, string path)
    {
        var random = f.RandomState();
        var ring = new TransitionRing<TAction>(layout.Capacity, layout.ObservationSize, layout.ActionSize, layout.ExtraFields);
        ring.Read(ref f, layout, path);
        var buffer = new SequenceReplayBuffer<TAction>(ring, f.Int32("num_envs", 1), 0);
        buffer.Random.State = random;
        long added = f.Int64("episodes_added");
        int head = f.Int32("head", 0, layout.Capacity - 1);
        int windowLength = f.Int32("window_length", 1);
        var (starts, lengths, ids, high) = ReadEpisodeTable(ref f, path, layout.Capacity);
        if (high > ring.Count)
        {
            throw new InvalidDataException($"File '{path}' stores {ring.Count} ring steps; its episodes reach step {high}.");
        }

        buffer.Restore(head, windowLength, added, starts, lengths, ids);
        f.ArrayHeader("pending", buffer.NumEnvs);
        for (int env = 0; env < buffer.NumEnvs; env++)
        {
            FieldReader episode = f.Enter("a pending episode", 1 + TransitionColumns<TAction>.FileFields);
            buffer.ReadPending(ref episode, env, episode.Int32("count", 0, layout.Capacity), layout, path);
            f.Leave(episode);
        }

        return buffer;
    }

    /// <summary>
    /// Version 1: num_envs, rng, episodes_added, write_position, head, window_length, the episode table, the ring's six
    /// columns up to its high-water mark, and one map of six columns per pending episode.
    /// </summary>
    private static SequenceReplayBuffer<TAction> ReadVersion1(ref FieldReader f, ReplayLayout layout, string path)
    {
        int capacity = layout.Capacity, o = layout.ObservationSize;
        var ring = new TransitionRing<TAction>(capacity, o, layout.ActionSize, layout.ExtraFields);
        var buffer = new SequenceReplayBuffer<TAction>(ring, f.Int32("num_envs", 1), 0);
        buffer.Random.State = f.RandomState();
        long added = f.Int64("episodes_added");
        int writePosition = f.Int32("write_position", 0, capacity - 1);
        int head = f.Int32("head", 0, capacity - 1);
        int windowLength = f.Int32("window_length", 1);
        var (starts, lengths, ids, high) = ReadEpisodeTable(ref f, path, capacity);
        int h = f.PeekRows("observations", o * sizeof(float));
        if (h < high || h > capacity)
        {
            throw new InvalidDataException($"File '{path}' stores {h} ring steps; expected between {high} and {capacity}.");
        }

        ring.Restore(h, writePosition, path);
        ring.Columns.Read(ref f, h, layout);
        buffer.Restore(head, windowLength, added, starts, lengths, ids);
        f.ArrayHeader("pending", buffer.NumEnvs);
        for (int env = 0; env < buffer.NumEnvs; env++)
        {
            FieldReader episode = f.Enter("a pending episode", TransitionColumns<TAction>.FileFields - 1);
            buffer.ReadPending(ref episode, env, episode.PeekRows("observations", o * sizeof(float)), layout, path);
            f.Leave(episode);
        }

        return buffer;
    }

    private static (int[] Starts, int[] Lengths, long[] Ids, int High) ReadEpisodeTable(ref FieldReader f, string path, int capacity)
    {
        int count = f.PeekRows("episode_starts", sizeof(int));
        if (count > capacity)
        {
            throw new InvalidDataException($"File '{path}' lists {count} episodes; a capacity of {capacity} allows at most {capacity}.");
        }

        var starts = new int[count];
        var lengths = new int[count];
        var ids = new long[count];
        f.Array<int>("episode_starts", starts);
        f.Array<int>("episode_lengths", lengths);
        f.Array<long>("episode_ids", ids);
        int high = 0;
        for (int i = 0; i < count; i++)
        {
            if (lengths[i] < 1 || starts[i] < 0 || (long)starts[i] + lengths[i] > capacity)
            {
                throw new InvalidDataException($"File '{path}' episode {i} spans [{starts[i]}, {(long)starts[i] + lengths[i]}); expected a non-empty range inside [0, {capacity}).");
            }

            high = Math.Max(high, starts[i] + lengths[i]);
        }

        return (starts, lengths, ids, high);
    }

    private void Restore(int head, int windowLength, long added, int[] starts, int[] lengths, long[] ids)
    {
        _head = head;
        _windowTreeLength = windowLength;
        for (int i = 0; i < starts.Length; i++)
        {
            int slot = (head + i) % Capacity;
            _epStart[slot] = starts[i];
            _epLength[slot] = lengths[i];
            _epId[slot] = ids[i];
            _stepTree[slot] = lengths[i];
            _windowTree[slot] = WindowStarts(lengths[i], windowLength);
            StepCount += lengths[i];
        }

        EpisodeCount = starts.Length;
        EpisodesAdded = added;
    }

    private void ReadPending(ref FieldReader f, int env, int n, ReplayLayout layout, string path)
    {
        if (n > Capacity)
        {
            throw new InvalidDataException($"File '{path}' has a pending episode has {n} steps; expected at most the capacity {Capacity}.");
        }

        _pending[env].EnsureRows(n);
        _pending[env].Read(ref f, n, layout);
        _pendingLengths[env] = n;
    }
}
