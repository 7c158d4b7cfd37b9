using System.Diagnostics;

namespace RlFramework.Envs.Vector;

/// <summary>
/// A vector env that steps its sub-envs on persistent worker threads (the role of Gymnasium's <c>AsyncVectorEnv</c>,
/// with threads instead of processes). The sub-envs are split into <see cref="WorkerCount"/> fixed contiguous slices;
/// the calling thread steps slice 0 itself while one dedicated thread per other slice steps its own, so each sub-env
/// is always stepped by the same thread. A step is handed over by bumping a generation counter: an idle worker spins
/// on it for up to <see cref="SpinTime"/>, then blocks on an event; the caller waits for the workers the same way.
/// Nothing is allocated per step. Every sub-env writes only its own slots of the batch, so results are bit-identical
/// to <see cref="SyncVectorEnv{T, TAct}"/> for the same seeds and actions. An exception in a worker is raised on the
/// calling thread as a <see cref="VectorEnvException"/> naming the sub-env. Dispose stops and joins the workers.
/// </summary>
/// <typeparam name="T">The observation element type.</typeparam>
/// <typeparam name="TAct">The action type of one sub-env.</typeparam>
public sealed class ParallelVectorEnv<T, TAct> : VectorEnv<T, TAct> where T : unmanaged where TAct : notnull
{
    /// <summary>The default <see cref="SpinTime"/>: 50 µs.</summary>
    public static readonly TimeSpan DefaultSpinTime = TimeSpan.FromMicroseconds(50);

    private readonly int[] _sliceStart;
    private readonly Thread[] _threads;
    private readonly ManualResetEventSlim[] _wake;
    private readonly int[] _workerSleeping;
    private readonly ManualResetEventSlim _allDone = new(false);
    private readonly long _spinTicks;
    private int _generation;
    private int _pending;
    private int _callerSleeping;
    private volatile bool _stopping;

    /// <summary>Builds one sub-env per factory and starts the worker threads.</summary>
    /// <param name="envFns">The sub-env factories, called once each, in order, on the calling thread.</param>
    /// <param name="autoresetMode">When finished sub-envs are reset.</param>
    /// <param name="workerCount">The number of slices (threads including the caller); default the processor count, at most the number of sub-envs.</param>
    /// <param name="spinTime">How long an idle thread spins before it blocks (default <see cref="DefaultSpinTime"/>; zero blocks at once).</param>
    /// <exception cref="ArgumentException">No factories, or sub-envs with different spaces.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="workerCount"/> is not positive or <paramref name="spinTime"/> is negative.</exception>
    public ParallelVectorEnv(IEnumerable<Func<IEnv<T[], TAct>>> envFns, AutoresetMode autoresetMode = AutoresetMode.NextStep,
        int? workerCount = null, TimeSpan? spinTime = null)
        : base(envFns, CheckArguments(autoresetMode, workerCount, spinTime))
    {
        SpinTime = spinTime ?? DefaultSpinTime;
        _spinTicks = (long)(SpinTime.TotalSeconds * Stopwatch.Frequency);
        int slices = Math.Min(NumEnvs, workerCount ?? Environment.ProcessorCount);
        WorkerCount = slices;
        _sliceStart = new int[slices + 1];
        for (int w = 0; w <= slices; w++) _sliceStart[w] = (int)((long)w * NumEnvs / slices);
        _wake = new ManualResetEventSlim[slices];
        _workerSleeping = new int[slices];
        _threads = new Thread[slices];
        // A timed-out Wait creates each event's lock object now, so the first real block does not allocate mid-run.
        _allDone.Wait(1);
        for (int w = 1; w < slices; w++)
        {
            _wake[w] = new ManualResetEventSlim(false);
            _wake[w].Wait(1);
            int slice = w;
            _threads[w] = new Thread(() => WorkerLoop(slice))
            {
                IsBackground = true,
                Name = $"ParallelVectorEnv worker {w}",
            };
            _threads[w].Start();
        }
    }

    /// <summary>The number of slices the sub-envs are split into (the calling thread plus <c>WorkerCount - 1</c> threads).</summary>
    public int WorkerCount { get; }

    /// <summary>How long an idle worker (or the waiting caller) spins before it blocks.</summary>
    public TimeSpan SpinTime { get; }

    /// <summary>The sub-envs of slice <paramref name="worker"/>: <c>[start, end)</c> (slice 0 runs on the calling thread).</summary>
    public (int Start, int End) Slice(int worker)
    {
        if ((uint)worker >= (uint)WorkerCount)
            throw new ArgumentOutOfRangeException(nameof(worker), worker, $"There are {WorkerCount} slices (0 to {WorkerCount - 1}).");
        return (_sliceStart[worker], _sliceStart[worker + 1]);
    }

    /// <summary>The number of worker threads still running (tests check that Dispose stops them).</summary>
    internal int AliveWorkers => _threads.Count(t => t is not null && t.IsAlive);

    private static AutoresetMode CheckArguments(AutoresetMode autoresetMode, int? workerCount, TimeSpan? spinTime)
    {
        if (workerCount is <= 0)
            throw new ArgumentOutOfRangeException(nameof(workerCount), workerCount, "A parallel vector env needs at least one worker.");
        if (spinTime < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(spinTime), spinTime, "The spin time must not be negative.");
        return autoresetMode;
    }

    private protected override void Execute()
    {
        int others = WorkerCount - 1;
        if (others > 0)
        {
            Volatile.Write(ref _pending, others);
            Interlocked.Increment(ref _generation); // full fence: publishes the operation's inputs, then wakes spinners
            for (int w = 1; w <= others; w++)
                if (Volatile.Read(ref _workerSleeping[w]) != 0) _wake[w].Set();
        }
        RunRange(_sliceStart[0], _sliceStart[1]);
        if (others > 0) WaitForWorkers();
    }

    private void WaitForWorkers()
    {
        long deadline = 0;
        var spinner = new SpinWait();
        while (Volatile.Read(ref _pending) != 0)
        {
            if (deadline == 0) deadline = Stopwatch.GetTimestamp() + _spinTicks;
            if (Stopwatch.GetTimestamp() < deadline)
            {
                spinner.SpinOnce(sleep1Threshold: -1);
                continue;
            }
            _allDone.Reset();
            Interlocked.Exchange(ref _callerSleeping, 1); // full fence before re-reading the count
            if (Volatile.Read(ref _pending) != 0) _allDone.Wait();
            Volatile.Write(ref _callerSleeping, 0);
        }
    }

    private void WorkerLoop(int slice)
    {
        var wake = _wake[slice];
        int start = _sliceStart[slice], end = _sliceStart[slice + 1];
        int seen = 0;
        while (true)
        {
            long deadline = Stopwatch.GetTimestamp() + _spinTicks;
            var spinner = new SpinWait();
            while (Volatile.Read(ref _generation) == seen)
            {
                if (Stopwatch.GetTimestamp() < deadline)
                {
                    spinner.SpinOnce(sleep1Threshold: -1);
                    continue;
                }
                wake.Reset();
                Interlocked.Exchange(ref _workerSleeping[slice], 1); // full fence before re-reading the generation
                if (Volatile.Read(ref _generation) == seen) wake.Wait();
                Volatile.Write(ref _workerSleeping[slice], 0);
            }
            seen = Volatile.Read(ref _generation);
            if (_stopping) return;
            RunRange(start, end);
            if (Interlocked.Decrement(ref _pending) == 0 && Volatile.Read(ref _callerSleeping) != 0) _allDone.Set();
        }
    }

    private protected override void OnClose()
    {
        // Construction may have failed before the workers existed.
        if (_threads is null) return;
        _stopping = true;
        Interlocked.Increment(ref _generation);
        for (int w = 1; w < WorkerCount; w++) _wake[w]?.Set();
        for (int w = 1; w < WorkerCount; w++) _threads[w]?.Join();
        for (int w = 1; w < WorkerCount; w++) _wake[w]?.Dispose();
        _allDone.Dispose();
    }
}
