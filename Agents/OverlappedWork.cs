using System.Runtime.ExceptionServices;

namespace RlFramework.Agents;

/// <summary>
/// One fixed piece of work run on a dedicated background thread while the caller does something else:
/// <see cref="Start"/> hands it over, <see cref="Join"/> waits for it and rethrows what it threw.
/// Nothing is allocated per run; the thread sleeps on a semaphore between runs.
/// </summary>
internal sealed class OverlappedWork : IDisposable
{
    private readonly Action _work;
    private readonly SemaphoreSlim _start = new(0);
    private readonly Thread _thread;
    private volatile bool _running, _disposed;
    private Exception? _error;

    /// <summary>Starts the thread (named <paramref name="name"/>) that will run <paramref name="work"/> on each <see cref="Start"/>.</summary>
    public OverlappedWork(Action work, string name)
    {
        _work = work;
        _thread = new Thread(Loop) { IsBackground = true, Name = name };
        _thread.Start();
    }

    /// <summary>Runs the work on the background thread; call <see cref="Join"/> before starting it again.</summary>
    public void Start()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_running) throw new InvalidOperationException("The work is still running: Join it before starting it again.");
        _running = true;
        _start.Release();
    }

    /// <summary>Waits (spinning: the work is short) until the work has finished, and rethrows its exception if it threw.</summary>
    public void Join()
    {
        var spin = new SpinWait();
        while (_running) spin.SpinOnce(sleep1Threshold: -1);
        if (_error is { } error)
        {
            _error = null;
            ExceptionDispatchInfo.Throw(error);
        }
    }

    private void Loop()
    {
        while (true)
        {
            _start.Wait();
            if (_disposed) return;
            try { _work(); }
            catch (Exception e) { _error = e; }
            finally { _running = false; }
        }
    }

    /// <summary>Stops the thread after the run in progress, if any.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        Join();
        _disposed = true;
        _start.Release();
        _thread.Join();
        _start.Dispose();
    }
}
