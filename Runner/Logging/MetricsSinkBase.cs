using System.Diagnostics;

namespace RlFramework.Runner.Logging;

/// <summary>
/// The shared half of file sinks: argument checks, a lock (so several subscribers may write at once),
/// a flush every <see cref="FlushInterval"/>, and dispose-once. Subclasses write and flush their file.
/// </summary>
public abstract class MetricsSinkBase : IMetricsSink
{
    private readonly Lock _gate = new();
    private long _lastFlush;
    private bool _disposed;

    /// <summary>Sets the flush interval and the clock that timestamps records.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="flushInterval"/> is negative.</exception>
    protected MetricsSinkBase(TimeSpan? flushInterval, TimeProvider? time)
    {
        FlushInterval = flushInterval ?? TimeSpan.FromSeconds(5);
        if (FlushInterval < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(flushInterval), flushInterval, $"The flush interval must be zero (flush every write) or positive; got {flushInterval}.");
        }

        Time = time ?? TimeProvider.System;
        _lastFlush = Time.GetTimestamp();
    }

    /// <summary>How long written records may sit in memory before they are flushed (zero: every write).</summary>
    public TimeSpan FlushInterval { get; }

    /// <summary>The clock for wall times and flush scheduling.</summary>
    protected TimeProvider Time { get; }

    /// <inheritdoc/>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="step"/> is negative.</exception>
    /// <exception cref="ArgumentException"><paramref name="tag"/> is empty, blank or has a control character.</exception>
    /// <exception cref="ObjectDisposedException">The sink is disposed.</exception>
    public void Write(long step, string tag, double value)
    {
        if (step < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, $"Metric steps count from 0; got {step} for tag '{tag}'.");
        }

        CheckTag(tag);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            WriteRecord(step, tag, value, Time.GetUtcNow());
            if (Time.GetElapsedTime(_lastFlush) >= FlushInterval)
            {
                FlushFile(toDisk: false);
                _lastFlush = Time.GetTimestamp();
            }
        }
    }

    /// <summary>Runs <paramref name="write"/> under the sink's lock, for records other than scalars.</summary>
    /// <exception cref="ObjectDisposedException">The sink is disposed.</exception>
    protected void WriteExclusively(Action write)
    {
        ArgumentNullException.ThrowIfNull(write);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            write();
        }
    }

    /// <inheritdoc/>
    public void Flush()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            FlushFile(toDisk: false);
            _lastFlush = Time.GetTimestamp();
        }
    }

    /// <summary>Flushes to disk (fsync) and closes the file; later calls do nothing.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            try
            {
                FlushFile(toDisk: true);
            }
            finally
            {
                CloseFile();
            }
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Appends one record (called under the lock with checked arguments).</summary>
    protected abstract void WriteRecord(long step, string tag, double value, DateTimeOffset wallTime);

    /// <summary>Flushes buffered records to the operating system, and to the disk itself when <paramref name="toDisk"/>.</summary>
    protected abstract void FlushFile(bool toDisk);

    /// <summary>Releases the file.</summary>
    protected abstract void CloseFile();

    /// <summary>Seconds since the Unix epoch, with sub-second precision (TensorBoard's wall_time).</summary>
    protected static double UnixSeconds(DateTimeOffset time) => (time - DateTimeOffset.UnixEpoch).Ticks / (double)TimeSpan.TicksPerSecond;

    private static bool HasControlCharacter(ReadOnlySpan<char> text)
    {
        foreach (char c in text)
        {
            if (char.IsControl(c))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Throws unless <paramref name="tag"/> is a usable series name.</summary>
    internal static void CheckTag(string tag)
    {
        ArgumentNullException.ThrowIfNull(tag);
        if (string.IsNullOrWhiteSpace(tag) || HasControlCharacter(tag))
        {
            throw new ArgumentException($"Metric tag '{tag}' is not usable: expected a non-blank name without control characters, like \"{MetricTags.EpisodicReturn}\".", nameof(tag));
        }
    }
}
