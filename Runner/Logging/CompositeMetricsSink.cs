using System.Runtime.ExceptionServices;

namespace RlFramework.Runner.Logging;

/// <summary>Fans every write out to several sinks; disposing it disposes them all.</summary>
public sealed class CompositeMetricsSink : IMetricsSink
{
    private readonly IMetricsSink[] _sinks;

    /// <summary>Wraps <paramref name="sinks"/> (takes ownership: they are disposed with this one).</summary>
    public CompositeMetricsSink(params IEnumerable<IMetricsSink> sinks)
    {
        ArgumentNullException.ThrowIfNull(sinks);
        _sinks = [.. sinks];
        for (int i = 0; i < _sinks.Length; i++)
        {
            if (_sinks[i] is null)
            {
                throw new ArgumentException($"Sink {i} of {_sinks.Length} is null; expected a metrics sink.", nameof(sinks));
            }
        }
    }

    /// <summary>The sinks written to, in order.</summary>
    public IReadOnlyList<IMetricsSink> Sinks => _sinks;

    /// <summary>
    /// The standard pair for a run folder: <c>metrics.csv</c> and a TensorBoard event file, both in <paramref name="runFolder"/>.
    /// For a run resumed from a checkpoint taken after <paramref name="resumeAfterStep"/> steps, the CSV file is continued
    /// without the rows logged past the checkpoint, and a new event file starts beside the old ones with a
    /// <c>SessionLog START</c>, so TensorBoard drops the old events past the checkpoint too.
    /// </summary>
    public static CompositeMetricsSink OpenRunFolder(string runFolder, long? resumeAfterStep = null, TimeSpan? flushInterval = null, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runFolder);
        var csv = new CsvMetricsSink(Path.Combine(runFolder, CsvMetricsSink.DefaultFileName), resumeAfterStep, flushInterval, time);
        try
        {
            return new CompositeMetricsSink(csv, new TensorBoardSink(runFolder, flushInterval, time, resumeAfterStep));
        }
        catch
        {
            csv.Dispose();
            throw;
        }
    }

    /// <summary>Writes to every sink.</summary>
    public void Write(long step, string tag, double value)
    {
        foreach (var sink in _sinks)
        {
            sink.Write(step, tag, value);
        }
    }

    /// <summary>Flushes every sink.</summary>
    public void Flush()
    {
        foreach (var sink in _sinks)
        {
            sink.Flush();
        }
    }

    /// <summary>Disposes every sink, even when one of them throws (the first error is rethrown).</summary>
    public void Dispose()
    {
        List<Exception>? errors = null;
        foreach (var sink in _sinks)
        {
            try
            {
                sink.Dispose();
            }
            catch (Exception e)
            {
                (errors ??= []).Add(e);
            }
        }

        if (errors is { Count: 1 })
        {
            ExceptionDispatchInfo.Throw(errors[0]);
        }

        if (errors is not null)
        {
            throw new AggregateException("Several metrics sinks failed to close.", errors);
        }
    }
}
