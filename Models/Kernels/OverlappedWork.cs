using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace RlFramework.Models.Kernels;

/// <summary>
/// One fixed piece of work that a dedicated background thread runs while the caller does something else.
/// <see cref="Start"/> posts it; <see cref="Join"/> returns once it has run: on the background thread if that thread
/// took it up in time, otherwise on the caller, so a late background thread never holds the caller up.
/// </summary>
/// <remarks>
/// After each run the background thread polls for the next one for <see cref="PollMicroseconds"/> and only then blocks:
/// waking a blocked thread costs tens of microseconds (more on a virtual machine), as long as the work it would take
/// over. Between polls it yields its core to any other ready thread, so an idle poller costs a machine shared with
/// other trainings little. Nothing is allocated per run.
/// </remarks>
public sealed class OverlappedWork : IDisposable
{
    /// <summary>How long the idle background thread polls for the next run before it blocks.</summary>
    internal const int PollMicroseconds = 1000;

    private const int Idle = 0, Posted = 1, Running = 2, Done = 3;
    private static readonly long s_pollTicks = Stopwatch.Frequency * PollMicroseconds / 1_000_000;

    private readonly Action _work;
    private readonly SemaphoreSlim _wake = new(0);
    private readonly Thread _thread;
    private int _state, _sleeping;
    private volatile bool _disposed;
    private Exception? _error;

    /// <summary>Starts the background thread (named <paramref name="name"/>) that runs <paramref name="work"/> after each <see cref="Start"/>.</summary>
    public OverlappedWork(Action work, string name)
    {
        ArgumentNullException.ThrowIfNull(work);
        _work = work;
        _thread = new Thread(Loop) { IsBackground = true, Name = name };
        _thread.Start();
    }

    /// <summary>How many runs the background thread took up (the rest ran on the caller in <see cref="Join"/>).</summary>
    public long RunsInBackground { get; private set; }

    /// <summary>Posts the work; call <see cref="Join"/> before posting it again.</summary>
    public void Start()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (Volatile.Read(ref _state) != Idle) throw new InvalidOperationException("The work is still posted: Join it before starting it again.");
        Interlocked.Exchange(ref _state, Posted);
        if (Interlocked.Exchange(ref _sleeping, 0) == 1) _wake.Release();
    }

    /// <summary>Returns when the posted work has run (running it here if the background thread has not taken it up),
    /// and rethrows what the work threw.</summary>
    public void Join()
    {
        if (Interlocked.CompareExchange(ref _state, Running, Posted) == Posted)
        {
            try { _work(); }
            finally { Volatile.Write(ref _state, Idle); }
            return;
        }
        if (Volatile.Read(ref _state) == Idle) throw new InvalidOperationException("Join without a posted run.");
        long deadline = Stopwatch.GetTimestamp() + s_pollTicks;
        while (Volatile.Read(ref _state) != Done && Stopwatch.GetTimestamp() < deadline) Thread.SpinWait(4);
        var spin = new SpinWait();
        while (Volatile.Read(ref _state) != Done) spin.SpinOnce(sleep1Threshold: -1);
        var error = _error;
        _error = null;
        Volatile.Write(ref _state, Idle);
        if (error is not null) ExceptionDispatchInfo.Throw(error);
    }

    private void Loop()
    {
        while (WaitForPost())
        {
            if (Interlocked.CompareExchange(ref _state, Running, Posted) != Posted) continue; // the caller took it
            RunsInBackground++;
            try { _work(); }
            catch (Exception e) { _error = e; }
            finally { Volatile.Write(ref _state, Done); }
        }
    }

    // Waits until work is posted (true) or the object is disposed (false): polls for a while (yielding the core between
    // polls), then blocks until Start wakes it.
    private bool WaitForPost()
    {
        while (true)
        {
            long deadline = Stopwatch.GetTimestamp() + s_pollTicks;
            while (Stopwatch.GetTimestamp() < deadline)
            {
                if (_disposed) return false;
                if (Volatile.Read(ref _state) == Posted) return true;
                Thread.Yield();
            }
            Interlocked.Exchange(ref _sleeping, 1);
            if (Volatile.Read(ref _state) == Posted || _disposed)
            {
                // Posted meanwhile. If the poster already saw _sleeping = 1, it released _wake: take that release.
                if (Interlocked.Exchange(ref _sleeping, 0) == 0) _wake.Wait();
                continue;
            }
            _wake.Wait();
        }
    }

    /// <summary>Stops the background thread after the posted run, if any (rethrowing what that run threw).</summary>
    public void Dispose()
    {
        if (_disposed) return;
        try
        {
            if (Volatile.Read(ref _state) != Idle) Join();
        }
        finally
        {
            _disposed = true;
            if (Interlocked.Exchange(ref _sleeping, 0) == 1) _wake.Release();
            _thread.Join();
            _wake.Dispose();
        }
    }
}
