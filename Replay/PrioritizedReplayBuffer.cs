using MessagePack;
using RlFramework.Replay.Files;

namespace RlFramework.Replay;

/// <summary>
/// Proportional prioritized experience replay (Schaul et al. 2016): transition i is drawn with probability
/// P(i) = p_i^α / Σ p_k^α, and its importance-sampling weight is w_i = (N·P(i))^-β divided by the largest weight any
/// stored transition could get, (N·P_min)^-β, so weights lie in (0, 1]. New transitions get the largest priority seen
/// so far. Sampling is stratified: the total mass is cut into batch-size equal segments and one transition is drawn
/// from each. No allocation per add, sample or update.
/// </summary>
/// <typeparam name="TAction">int (or long) for discrete actions, float (or double) for continuous ones.</typeparam>
/// <remarks>Not thread-safe: add and sample from one thread (or lock around calls).</remarks>
public sealed class PrioritizedReplayBuffer<TAction> : ITransitionReplay<TAction>
    where TAction : unmanaged
{
    internal const string FileFormat = "rlframework.replay.prioritized";
    private readonly SumTree _sum;
    private readonly MinTree _min;
    private double _beta;

    /// <summary>Creates an empty prioritized buffer.</summary>
    /// <param name="capacity">Maximum number of transitions.</param>
    /// <param name="observationSize">Floats per observation.</param>
    /// <param name="actionSize">Action elements per transition (1 for a discrete action).</param>
    /// <param name="alpha">Priority exponent α ≥ 0 (0 = uniform).</param>
    /// <param name="beta">Importance-sampling exponent β in [0, 1] (anneal it to 1 through <see cref="Beta"/>).</param>
    /// <param name="epsilon">Added to every updated priority so no transition gets probability zero (&gt; 0).</param>
    /// <param name="seed">Seed of the sampling random source.</param>
    /// <param name="extraFields">Names of extra int32 fields stored with each transition; none by default.</param>
    public PrioritizedReplayBuffer(int capacity, int observationSize, int actionSize = 1, double alpha = 0.6, double beta = 0.4, double epsilon = 1e-6, long seed = 0, IReadOnlyList<string>? extraFields = null)
        : this(new ReplayBuffer<TAction>(capacity, observationSize, actionSize, seed, extraFields), alpha, beta, epsilon)
    {
    }

    private PrioritizedReplayBuffer(ReplayBuffer<TAction> storage, double alpha, double beta, double epsilon)
    {
        if (!(alpha >= 0) || double.IsInfinity(alpha))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "Expected a finite alpha >= 0.");
        }

        if (!(epsilon > 0) || double.IsInfinity(epsilon))
        {
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "Expected a finite epsilon > 0.");
        }

        Storage = storage;
        Alpha = alpha;
        Beta = beta;
        Epsilon = epsilon;
        _sum = new SumTree(storage.Capacity);
        _min = new MinTree(storage.Capacity);
    }

    /// <summary>The transitions themselves (uniform ring buffer; its <see cref="ReplayBuffer{TAction}.Random"/> drives sampling).</summary>
    public ReplayBuffer<TAction> Storage { get; }

    /// <summary>Maximum number of transitions.</summary>
    public int Capacity => Storage.Capacity;

    /// <summary>Transitions currently held.</summary>
    public int Count => Storage.Count;

    /// <inheritdoc/>
    public IReadOnlyList<string> ExtraFields => Storage.ExtraFields;

    /// <summary>Priority exponent α.</summary>
    public double Alpha { get; }

    /// <summary>Importance-sampling exponent β in [0, 1]; set it each step to anneal.</summary>
    public double Beta
    {
        get => _beta;
        set
        {
            if (!(value >= 0 && value <= 1))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "Expected beta in [0, 1].");
            }

            _beta = value;
        }
    }

    /// <summary>Constant added to updated priorities.</summary>
    public double Epsilon { get; }

    /// <summary>Largest priority (before the α exponent) seen so far; new transitions get it. Starts at 1.</summary>
    public double MaxPriority { get; private set; } = 1.0;

    /// <summary>Sum of p_i^α over stored transitions.</summary>
    public double TotalPriority => _sum.Total;

    /// <summary>The priority p_i^α of <paramref name="slot"/> as used for sampling.</summary>
    public double ScaledPriorityAt(int slot)
    {
        CheckSlot(slot, nameof(slot));
        return _sum[slot];
    }

    /// <summary>Adds one transition with a scalar action (and its extra field values) at the current maximum priority.</summary>
    public int Add(ReadOnlySpan<float> observation, TAction action, float reward, ReadOnlySpan<float> nextObservation, bool terminated, bool truncated, ReadOnlySpan<int> extras = default) =>
        SetNew(Storage.Add(observation, action, reward, nextObservation, terminated, truncated, extras), 1);

    /// <summary>Adds one transition (and its extra field values) at the current maximum priority.</summary>
    public int Add(ReadOnlySpan<float> observation, ReadOnlySpan<TAction> action, float reward, ReadOnlySpan<float> nextObservation, bool terminated, bool truncated, ReadOnlySpan<int> extras = default) =>
        SetNew(Storage.Add(observation, action, reward, nextObservation, terminated, truncated, extras), 1);

    /// <summary>Adds n transitions (one per sub-environment) at the current maximum priority; see <see cref="ReplayBuffer{TAction}.AddBatch"/>.</summary>
    public int AddBatch(ReadOnlySpan<float> observations, ReadOnlySpan<TAction> actions, ReadOnlySpan<float> rewards, ReadOnlySpan<float> nextObservations, ReadOnlySpan<bool> terminated, ReadOnlySpan<bool> truncated, ReadOnlySpan<int> extras = default) =>
        SetNew(Storage.AddBatch(observations, actions, rewards, nextObservations, terminated, truncated, extras), rewards.Length);

    /// <summary>Draws a batch proportionally to priority, filling indices and normalised importance weights.</summary>
    public void Sample(TransitionBatch<TAction> batch) => Sample(batch, Storage.Random);

    /// <summary>Draws a batch proportionally to priority using <paramref name="random"/>.</summary>
    public void Sample(TransitionBatch<TAction> batch, ReplayRandom random)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(random);
        if (Count == 0)
        {
            throw new InvalidOperationException("Cannot sample from an empty replay buffer; add transitions first.");
        }

        double total = _sum.Total;
        double segment = total / batch.Size;
        double pMin = _min.Min;
        int[] indices = batch.Indices;
        float[] weights = batch.Weights;
        for (int i = 0; i < indices.Length; i++)
        {
            double mass = (i + random.NextDouble()) * segment;
            int slot = _sum.FindPrefixSum(Math.Min(mass, total));
            if (slot >= Count)
            {
                slot = Count - 1; // only reachable through rounding at the very end of the mass
            }

            indices[i] = slot;

            // w_i / max_w = ((N P_i)^-β) / ((N P_min)^-β) = (p_i / p_min)^-β
            weights[i] = (float)Math.Pow(_sum[slot] / pMin, -_beta);
        }

        Storage.Gather(batch);
    }

    /// <summary>Sets the priorities of the given slots (typically |TD error|); ε is added and α applied.</summary>
    public void UpdatePriorities(ReadOnlySpan<int> indices, ReadOnlySpan<float> priorities)
    {
        Guard.Length(priorities.Length, indices.Length, nameof(priorities), "one priority per index");
        for (int i = 0; i < indices.Length; i++)
        {
            CheckSlot(indices[i], nameof(indices));
            float p = priorities[i];
            if (!(p >= 0) || float.IsInfinity(p))
            {
                throw new ArgumentOutOfRangeException(nameof(priorities), p, $"priorities[{i}] = {p}; expected a finite value >= 0.");
            }
        }

        for (int i = 0; i < indices.Length; i++)
        {
            double p = priorities[i] + Epsilon;
            SetScaled(indices[i], Math.Pow(p, Alpha));
            if (p > MaxPriority)
            {
                MaxPriority = p;
            }
        }
    }

    /// <summary>Allocates a batch shaped for this buffer (once; reuse it).</summary>
    public TransitionBatch<TAction> CreateBatch(int batchSize) => Storage.CreateBatch(batchSize);

    /// <summary>Saves transitions, priorities, settings and random state atomically in MessagePack format.</summary>
    public void Save(string path) => ReplayFile.Save(path, FileFormat, Storage.Ring, Storage.Random, ReplayBuffer<TAction>.OwnFileFields + 5, (ref MessagePackWriter w) =>
    {
        Storage.WriteOwnFields(ref w); // then alpha, beta, epsilon, max_priority, priorities
        w.Write("alpha");
        w.Write(Alpha);
        w.Write("beta");
        w.Write(Beta);
        w.Write("epsilon");
        w.Write(Epsilon);
        w.Write("max_priority");
        w.Write(MaxPriority);
        w.Write("scaled_priorities");
        var scaled = new double[Count];
        for (int i = 0; i < scaled.Length; i++)
        {
            scaled[i] = _sum[i];
        }

        w.WriteLittleEndianArray(scaled);
    });

    /// <summary>Loads a buffer saved by <see cref="Save"/>; a truncated or corrupt file is refused with <see cref="InvalidDataException"/>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="formerActionExtras">For a version-1 file, the names of trailing action elements to load as extra fields (see <see cref="ReplayBuffer{TAction}.Load"/>).</param>
    public static PrioritizedReplayBuffer<TAction> Load(string path, IReadOnlyList<string>? formerActionExtras = null)
    {
        var f = ReplayFile.Open<TAction>(path, FileFormat, formerActionExtras, out ReplayLayout layout);
        ReplayBuffer<TAction> storage = ReplayBuffer<TAction>.ReadFields(ref f, layout, path);
        double alpha = f.Double("alpha");
        double beta = f.Double("beta");
        double epsilon = f.Double("epsilon");
        double max = f.Double("max_priority");
        PrioritizedReplayBuffer<TAction> buffer;
        try
        {
            buffer = new PrioritizedReplayBuffer<TAction>(storage, alpha, beta, epsilon);
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new InvalidDataException($"File '{path}' has an invalid setting: {e.Message}", e);
        }

        var scaled = new double[storage.Count];
        f.Array<double>("scaled_priorities", scaled);
        for (int i = 0; i < scaled.Length; i++)
        {
            if (!(scaled[i] > 0) || double.IsInfinity(scaled[i]))
            {
                throw new InvalidDataException($"File '{path}' has priority {scaled[i]} at slot {i}; expected a finite value > 0.");
            }

            buffer.SetScaled(i, scaled[i]);
        }

        if (!(max > 0) || double.IsInfinity(max))
        {
            throw new InvalidDataException($"File '{path}' has max_priority {max}; expected a finite value > 0.");
        }

        buffer.MaxPriority = max;
        f.End();
        return buffer;
    }

    private int SetNew(int first, int n)
    {
        double scaled = Math.Pow(MaxPriority, Alpha);
        int cap = Capacity;
        for (int k = Math.Max(0, n - cap); k < n; k++)
        {
            SetScaled((first + k) % cap, scaled);
        }

        return first;
    }

    private void SetScaled(int slot, double scaled)
    {
        _sum[slot] = scaled;
        _min[slot] = scaled;
    }

    private void CheckSlot(int slot, string name)
    {
        if ((uint)slot >= (uint)Count)
        {
            throw new ArgumentOutOfRangeException(name, slot, $"Expected a slot in [0, {Count}).");
        }
    }
}
