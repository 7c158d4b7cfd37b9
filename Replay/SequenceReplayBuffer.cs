using MessagePack;
using RlFramework.Replay.Episodes;
using RlFramework.Replay.Files;

namespace RlFramework.Replay;

/// <summary>
/// Episode replay for recurrent agents. Steps are added per sub-environment; an episode enters the buffer when its
/// last step (terminated or truncated) arrives, and is stored contiguously in a ring of <see cref="Capacity"/> steps
/// (an episode that would cross the end of the ring starts again at 0). The oldest whole episodes are evicted to make
/// room. Samples fixed-length windows with padding masks, or whole episodes. No allocation per add or sample once
/// each sub-environment's staging area has grown to its longest episode.
/// </summary>
/// <typeparam name="TAction">int (or long) for discrete actions, float (or double) for continuous ones.</typeparam>
/// <remarks>Not thread-safe: add and sample from one thread (or lock around calls). Full-window sampling keeps a sum tree for one window length; switching lengths rebuilds it (O(episodes · log capacity)).</remarks>
public sealed class SequenceReplayBuffer<TAction>
    where TAction : unmanaged
{
    internal const string FileFormat = "rlframework.replay.sequence";
    private readonly float[] _observations;
    private readonly float[] _nextObservations;
    private readonly TAction[] _actions;
    private readonly float[] _rewards;
    private readonly bool[] _terminated;
    private readonly bool[] _truncated;

    // Episode queue (ring over episode slots, oldest at _head).
    private readonly int[] _epStart;
    private readonly int[] _epLength;
    private readonly long[] _epId;
    private readonly SumTree _stepTree;     // leaf = episode length (AnyStep sampling)
    private readonly SumTree _windowTree;   // leaf = number of full-window starts for _windowTreeLength
    private readonly PendingEpisode<TAction>[] _pending;
    private PendingEpisode<TAction>? _import;
    private int _windowTreeLength;
    private int _head;
    private int _writePosition;
    private int _highWater;

    /// <summary>Creates an empty buffer holding up to <paramref name="capacity"/> steps.</summary>
    /// <param name="capacity">Steps held across all stored episodes; an episode may not be longer.</param>
    /// <param name="observationSize">Floats per observation.</param>
    /// <param name="actionSize">Action elements per step (1 for a discrete action).</param>
    /// <param name="numEnvs">Sub-environments adding steps concurrently (each has its own episode in progress).</param>
    /// <param name="seed">Seed of the sampling random source.</param>
    public SequenceReplayBuffer(int capacity, int observationSize, int actionSize = 1, int numEnvs = 1, long seed = 0)
    {
        Guard.ActionType<TAction>();
        Guard.Positive(capacity, nameof(capacity));
        Guard.Positive(observationSize, nameof(observationSize));
        Guard.Positive(actionSize, nameof(actionSize));
        Guard.Positive(numEnvs, nameof(numEnvs));
        Capacity = capacity;
        ObservationSize = observationSize;
        ActionSize = actionSize;
        NumEnvs = numEnvs;
        _observations = new float[checked(capacity * observationSize)];
        _nextObservations = new float[capacity * observationSize];
        _actions = new TAction[checked(capacity * actionSize)];
        _rewards = new float[capacity];
        _terminated = new bool[capacity];
        _truncated = new bool[capacity];
        _epStart = new int[capacity];
        _epLength = new int[capacity];
        _epId = new long[capacity];
        _stepTree = new SumTree(capacity);
        _windowTree = new SumTree(capacity);
        _windowTreeLength = 1;
        _pending = new PendingEpisode<TAction>[numEnvs];
        for (int e = 0; e < numEnvs; e++)
        {
            _pending[e] = new PendingEpisode<TAction>(observationSize, actionSize, Math.Min(capacity, 1024));
        }

        Random = new ReplayRandom(seed);
    }

    /// <summary>Maximum number of stored steps.</summary>
    public int Capacity { get; }

    /// <summary>Floats per observation.</summary>
    public int ObservationSize { get; }

    /// <summary>Action elements per step.</summary>
    public int ActionSize { get; }

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
    public int PendingLength(int env) => _pending[CheckEnv(env)].Length;

    /// <summary>Appends a step with a scalar action to sub-environment <paramref name="env"/>'s episode; the episode is stored when terminated or truncated.</summary>
    public void Add(int env, ReadOnlySpan<float> observation, TAction action, float reward, ReadOnlySpan<float> nextObservation, bool terminated, bool truncated) =>
        Add(env, observation, new ReadOnlySpan<TAction>(in action), reward, nextObservation, terminated, truncated);

    /// <summary>Appends a step to sub-environment <paramref name="env"/>'s episode; the episode is stored when terminated or truncated.</summary>
    public void Add(int env, ReadOnlySpan<float> observation, ReadOnlySpan<TAction> action, float reward, ReadOnlySpan<float> nextObservation, bool terminated, bool truncated)
    {
        CheckEnv(env);
        Guard.Length(observation.Length, ObservationSize, nameof(observation), "the observation size");
        Guard.Length(nextObservation.Length, ObservationSize, nameof(nextObservation), "the observation size");
        Guard.Length(action.Length, ActionSize, nameof(action), "the action size");
        PendingEpisode<TAction> p = _pending[env];
        if (p.Length == Capacity)
        {
            throw new InvalidOperationException($"Episode in progress on env {env} already has {p.Length} steps, the buffer capacity; expected episodes no longer than {Capacity} steps.");
        }

        p.Append(observation, action, reward, nextObservation, terminated, truncated);
        if (terminated || truncated)
        {
            Commit(p);
        }
    }

    /// <summary>Appends one step for every sub-environment (rows in env order, <see cref="NumEnvs"/> rows each).</summary>
    public void AddBatch(ReadOnlySpan<float> observations, ReadOnlySpan<TAction> actions, ReadOnlySpan<float> rewards, ReadOnlySpan<float> nextObservations, ReadOnlySpan<bool> terminated, ReadOnlySpan<bool> truncated)
    {
        int n = NumEnvs, o = ObservationSize, a = ActionSize;
        Guard.PerRow(rewards.Length, n, nameof(rewards));
        Guard.Rows(observations.Length, n, o, nameof(observations));
        Guard.Rows(nextObservations.Length, n, o, nameof(nextObservations));
        Guard.Rows(actions.Length, n, a, nameof(actions));
        Guard.PerRow(terminated.Length, n, nameof(terminated));
        Guard.PerRow(truncated.Length, n, nameof(truncated));
        for (int e = 0; e < n; e++)
        {
            Add(e, observations.Slice(e * o, o), actions.Slice(e * a, a), rewards[e], nextObservations.Slice(e * o, o), terminated[e], truncated[e]);
        }
    }

    /// <summary>
    /// Stores a recorded episode (e.g. read with <see cref="EpisodeReader"/>) as one complete episode, whether or not
    /// its last step is flagged; episodes in progress on the sub-environments are not affected.
    /// </summary>
    public void AddEpisode(Episode<TAction> episode)
    {
        ArgumentNullException.ThrowIfNull(episode);
        if (episode.ObservationSize != ObservationSize || episode.ActionSize != ActionSize)
        {
            throw new ArgumentException(
                $"Episode has observation size {episode.ObservationSize} and action size {episode.ActionSize}; this buffer has {ObservationSize} and {ActionSize}.",
                nameof(episode));
        }

        int n = episode.Length;
        if (n == 0 || n > Capacity)
        {
            throw new ArgumentException($"Episode has {n} steps; expected between 1 and the capacity {Capacity}.", nameof(episode));
        }

        _import ??= new PendingEpisode<TAction>(ObservationSize, ActionSize, n);
        _import.Length = 0;
        ReadOnlySpan<TAction> actions = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(episode.Actions);
        for (int t = 0; t < n; t++)
        {
            _import.Append(episode.ObservationAt(t), actions.Slice(t * ActionSize, ActionSize), episode.Rewards[t], episode.ObservationAt(t + 1), episode.Terminated[t], episode.Truncated[t]);
        }

        Commit(_import);
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
        int s = _epStart[slot], n = _epLength[slot], o = ObservationSize, a = ActionSize;
        return new EpisodeView<TAction>(
            _epId[slot],
            n,
            _observations.AsSpan(s * o, n * o),
            _nextObservations.AsSpan(s * o, n * o),
            _actions.AsSpan(s * a, n * a),
            _rewards.AsSpan(s, n),
            _terminated.AsSpan(s, n),
            _truncated.AsSpan(s, n));
    }

    /// <summary>Allocates a window batch shaped for this buffer (once; reuse it).</summary>
    public SequenceBatch<TAction> CreateBatch(int batchSize, int length) => new(batchSize, length, ObservationSize, ActionSize);

    /// <summary>Saves stored episodes, episodes in progress, layout and random state atomically in MessagePack format.</summary>
    public void Save(string path) => ChecksummedFile.Write(path, FieldCount, WriteFields);

    /// <summary>
    /// The header and layout; num_envs, rng, episodes_added, write_position, head, window_length; the episode table
    /// (starts, lengths, ids); the ring's columns; the pending episodes.
    /// </summary>
    private const int FieldCount = ReplayFileFields.Header + ReplayFileFields.Layout + 6 + 3 + ReplayFileFields.Columns + 1;

    /// <summary>Loads a buffer saved by <see cref="Save"/>; a truncated or corrupt file is refused with <see cref="InvalidDataException"/>.</summary>
    public static SequenceReplayBuffer<TAction> Load(string path)
    {
        var f = new FieldReader(path);
        f.Format(FileFormat, 1);
        SequenceReplayBuffer<TAction> buffer = ReadFields(ref f, path);
        f.End();
        return buffer;
    }

    private void Commit(PendingEpisode<TAction> p)
    {
        int n = p.Length;
        int w = _writePosition;
        if (w + n > Capacity)
        {
            // Wrap: the tail [w, Capacity) holds the oldest episodes; drop them, then write from 0.
            EvictOverlapping(w, Capacity);
            w = 0;
        }

        EvictOverlapping(w, w + n);
        int o = ObservationSize, a = ActionSize;
        p.Observations.AsSpan(0, n * o).CopyTo(_observations.AsSpan(w * o));
        p.NextObservations.AsSpan(0, n * o).CopyTo(_nextObservations.AsSpan(w * o));
        p.Actions.AsSpan(0, n * a).CopyTo(_actions.AsSpan(w * a));
        p.Rewards.AsSpan(0, n).CopyTo(_rewards.AsSpan(w));
        p.Terminated.AsSpan(0, n).CopyTo(_terminated.AsSpan(w));
        p.Truncated.AsSpan(0, n).CopyTo(_truncated.AsSpan(w));
        p.Length = 0;

        int slot = (_head + EpisodeCount) % Capacity;
        _epStart[slot] = w;
        _epLength[slot] = n;
        _epId[slot] = EpisodesAdded++;
        _stepTree[slot] = n;
        _windowTree[slot] = WindowStarts(n, _windowTreeLength);
        EpisodeCount++;
        StepCount += n;
        _writePosition = w + n == Capacity ? 0 : w + n;
        _highWater = Math.Max(_highWater, w + n);
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
        int o = ObservationSize, a = ActionSize, length = batch.Length;
        int valid = Math.Min(length, _epLength[slot] - offset);
        int src = _epStart[slot] + offset;
        int row = b * length;
        _observations.AsSpan(src * o, valid * o).CopyTo(batch.Observations.AsSpan(row * o));
        _nextObservations.AsSpan(src * o, valid * o).CopyTo(batch.NextObservations.AsSpan(row * o));
        _actions.AsSpan(src * a, valid * a).CopyTo(batch.Actions.AsSpan(row * a));
        _rewards.AsSpan(src, valid).CopyTo(batch.Rewards.AsSpan(row));
        _terminated.AsSpan(src, valid).CopyTo(batch.Terminated.AsSpan(row));
        _truncated.AsSpan(src, valid).CopyTo(batch.Truncated.AsSpan(row));
        batch.Mask.AsSpan(row, valid).Fill(1f);
        batch.IsFirst.AsSpan(row, length).Clear();
        batch.IsFirst[row] = offset == 0;
        int pad = length - valid;
        if (pad > 0)
        {
            int p = row + valid;
            batch.Observations.AsSpan(p * o, pad * o).Clear();
            batch.NextObservations.AsSpan(p * o, pad * o).Clear();
            batch.Actions.AsSpan(p * a, pad * a).Clear();
            batch.Rewards.AsSpan(p, pad).Clear();
            batch.Terminated.AsSpan(p, pad).Clear();
            batch.Truncated.AsSpan(p, pad).Clear();
            batch.Mask.AsSpan(p, pad).Clear();
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
        if (batch.ObservationSize != ObservationSize || batch.ActionSize != ActionSize)
        {
            throw new ArgumentException(
                $"Batch has observation size {batch.ObservationSize} and action size {batch.ActionSize}; this buffer has {ObservationSize} and {ActionSize}.",
                nameof(batch));
        }

        if (EpisodeCount == 0)
        {
            throw new InvalidOperationException("Cannot sample: no complete episode is stored yet.");
        }
    }

    private void WriteFields(ref MessagePackWriter w)
    {
        int o = ObservationSize, a = ActionSize;
        ReplayFileFields.WriteHeader(ref w, FileFormat);
        ReplayFileFields.WriteLayout<TAction>(ref w, Capacity, o, a);
        w.Write("num_envs");
        w.Write(NumEnvs);
        w.Write("rng");
        var (s0, s1, s2, s3) = Random.State;
        w.WriteArrayHeader(4);
        w.Write(s0);
        w.Write(s1);
        w.Write(s2);
        w.Write(s3);
        w.Write("episodes_added");
        w.Write(EpisodesAdded);
        w.Write("write_position");
        w.Write(_writePosition);
        w.Write("head");
        w.Write(_head);
        w.Write("window_length");
        w.Write(_windowTreeLength);

        // Episode table in age order (oldest first): start, length, id.
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

        // The ring up to its high-water mark, so positions (and hence sampling) are reproduced exactly.
        int h = _highWater;
        ReplayFileFields.WriteColumns<TAction>(ref w, _observations.AsSpan(0, h * o), _nextObservations.AsSpan(0, h * o), _actions.AsSpan(0, h * a),
            _rewards.AsSpan(0, h), _terminated.AsSpan(0, h), _truncated.AsSpan(0, h));

        // Episodes in progress, one map per sub-environment.
        w.Write("pending");
        w.WriteArrayHeader(NumEnvs);
        foreach (PendingEpisode<TAction> p in _pending)
        {
            int n = p.Length;
            w.WriteMapHeader(ReplayFileFields.Columns);
            ReplayFileFields.WriteColumns<TAction>(ref w, p.Observations.AsSpan(0, n * o), p.NextObservations.AsSpan(0, n * o), p.Actions.AsSpan(0, n * a),
                p.Rewards.AsSpan(0, n), p.Terminated.AsSpan(0, n), p.Truncated.AsSpan(0, n));
        }
    }

    private static SequenceReplayBuffer<TAction> ReadFields(ref FieldReader f, string path)
    {
        var (capacity, o, a) = ReplayFileFields.ReadLayout<TAction>(ref f, path);
        int numEnvs = f.Int32("num_envs", 1);
        var buffer = new SequenceReplayBuffer<TAction>(capacity, o, a, numEnvs);
        buffer.Random.State = f.RandomState();
        long added = f.Int64("episodes_added");
        int writePosition = f.Int32("write_position", 0, capacity - 1);
        int head = f.Int32("head", 0, capacity - 1);
        int windowLength = f.Int32("window_length", 1);
        f.Expect("episode_starts");
        int count = PeekBinLength(ref f.Reader, path, "episode_starts") / sizeof(int);
        if (count > capacity)
        {
            throw new InvalidDataException($"File '{path}' lists {count} episodes; a capacity of {capacity} allows at most {capacity}.");
        }

        var starts = new int[count];
        var lengths = new int[count];
        var ids = new long[count];
        ReadArray(ref f.Reader, path, "episode_starts", starts);
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

        f.Expect("observations");
        int h = PeekBinLength(ref f.Reader, path, "observations") / (o * sizeof(float));
        if (h < high || h > capacity)
        {
            throw new InvalidDataException($"File '{path}' stores {h} ring steps; expected between {high} and {capacity}.");
        }

        ReadArray(ref f.Reader, path, "observations", buffer._observations.AsSpan(0, h * o));
        f.Array<float>("next_observations", buffer._nextObservations.AsSpan(0, h * o));
        f.Array<TAction>("actions", buffer._actions.AsSpan(0, h * a));
        f.Array<float>("rewards", buffer._rewards.AsSpan(0, h));
        f.Array<bool>("terminated", buffer._terminated.AsSpan(0, h));
        f.Array<bool>("truncated", buffer._truncated.AsSpan(0, h));

        buffer._head = head;
        buffer._windowTreeLength = windowLength;
        for (int i = 0; i < count; i++)
        {
            int slot = (head + i) % capacity;
            buffer._epStart[slot] = starts[i];
            buffer._epLength[slot] = lengths[i];
            buffer._epId[slot] = ids[i];
            buffer._stepTree[slot] = lengths[i];
            buffer._windowTree[slot] = WindowStarts(lengths[i], windowLength);
            buffer.StepCount += lengths[i];
        }

        buffer.EpisodeCount = count;
        buffer.EpisodesAdded = added;
        buffer._writePosition = writePosition;
        buffer._highWater = h;

        f.Expect("pending");
        ReadPending(ref f.Reader, path, buffer, numEnvs);
        return buffer;
    }

    private static void ReadPending(ref MessagePackReader r, string path, SequenceReplayBuffer<TAction> buffer, int numEnvs)
    {
        int o = buffer.ObservationSize, a = buffer.ActionSize, capacity = buffer.Capacity;
        try
        {
            int envs = r.ReadArrayHeader();
            if (envs != numEnvs)
            {
                throw new InvalidDataException($"File '{path}' has {envs} pending episodes; expected one per sub-environment ({numEnvs}).");
            }

            foreach (PendingEpisode<TAction> p in buffer._pending)
            {
                if (r.ReadMapHeader() != ReplayFileFields.Columns || r.ReadString() != "observations")
                {
                    throw new InvalidDataException($"File '{path}' has a malformed pending episode at byte offset {r.Consumed}.");
                }

                int n = PeekBinLength(ref r, path, "pending observations") / (o * sizeof(float));
                if (n > capacity)
                {
                    throw new InvalidDataException($"File '{path}' has a pending episode of {n} steps; expected at most {capacity}.");
                }

                p.EnsureCapacity(n);
                ReadArray(ref r, path, "pending observations", p.Observations.AsSpan(0, n * o));
                ExpectKey(ref r, path, "next_observations");
                ReadArray(ref r, path, "pending next_observations", p.NextObservations.AsSpan(0, n * o));
                ExpectKey(ref r, path, "actions");
                ReadArray(ref r, path, "pending actions", p.Actions.AsSpan(0, n * a));
                ExpectKey(ref r, path, "rewards");
                ReadArray(ref r, path, "pending rewards", p.Rewards.AsSpan(0, n));
                ExpectKey(ref r, path, "terminated");
                ReadArray(ref r, path, "pending terminated", p.Terminated.AsSpan(0, n));
                ExpectKey(ref r, path, "truncated");
                ReadArray(ref r, path, "pending truncated", p.Truncated.AsSpan(0, n));
                p.Length = n;
            }
        }
        catch (Exception e) when (DecodeErrors.Is(e))
        {
            throw ChecksummedFile.Corrupt(path, e);
        }
    }

    private static void ExpectKey(ref MessagePackReader r, string path, string key)
    {
        long at = r.Consumed;
        string? found = r.ReadString();
        if (found != key)
        {
            throw new InvalidDataException($"File '{path}' has key '{found}' at byte offset {at}; expected '{key}'.");
        }
    }

    private static int PeekBinLength(ref MessagePackReader r, string path, string field)
    {
        // Only the length is needed here; ReadArray reads the header again.
        try
        {
            return r.PeekBinaryLength();
        }
        catch (Exception e) when (DecodeErrors.Is(e))
        {
            throw new InvalidDataException($"File '{path}' field '{field}': {e.Message}", e);
        }
    }

    private static void ReadArray<T>(ref MessagePackReader r, string path, string field, Span<T> destination)
        where T : unmanaged
    {
        try
        {
            r.ReadLittleEndianArray(destination);
        }
        catch (Exception e) when (DecodeErrors.Is(e))
        {
            throw new InvalidDataException($"File '{path}' field '{field}': {e.Message}", e);
        }
    }
}
