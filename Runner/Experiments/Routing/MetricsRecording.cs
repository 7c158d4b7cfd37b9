using RlFramework.Runner.Logging;

namespace RlFramework.Runner.Experiments.Routing;

/// <summary>
/// A sink that keeps what a run writes, so the run's diagnostics travel with its result and the reproduction writes
/// them to its real sink (<c>--log-dir</c>) in the order of the runs, wherever they ran. Thread-safe.
/// </summary>
internal sealed class MetricsRecording : IMetricsSink
{
    private readonly List<(long Step, string Tag, double Value)> _points = [];
    private readonly Lock _gate = new();

    /// <summary>What was written, in order.</summary>
    public IReadOnlyList<(long Step, string Tag, double Value)> Points
    {
        get
        {
            lock (_gate) return [.. _points];
        }
    }

    /// <inheritdoc/>
    public void Write(long step, string tag, double value)
    {
        lock (_gate) _points.Add((step, tag, value));
    }

    /// <inheritdoc/>
    public void Flush()
    {
    }

    /// <inheritdoc/>
    public void Dispose()
    {
    }
}
