namespace RlFramework.Runner.Logging;

/// <summary>Metric logging as an Rx subscriber: each event of a stream becomes one or more rows in a sink.</summary>
public static class MetricsObservables
{
    /// <summary>
    /// Subscribes <paramref name="sink"/> to <paramref name="source"/>: every event writes each of <paramref name="series"/>
    /// at the event's <paramref name="step"/>; completion flushes the sink. An error (of the source or of an operator
    /// upstream, such as a failing evaluation) flushes the sink and is rethrown, so it reaches the code that produced the
    /// event and fails the run instead of silently ending the logging. Dispose the result to stop logging.
    /// Example: <c>loop.Episodes.LogTo(sinks, e =&gt; e.Step, (MetricTags.EpisodicReturn, e =&gt; e.Return), (MetricTags.EpisodicLength, e =&gt; e.Length))</c>.
    /// </summary>
    /// <exception cref="ArgumentException">No series, or a blank tag.</exception>
    public static IDisposable LogTo<T>(this IObservable<T> source, IMetricsSink sink, Func<T, long> step, params (string Tag, Func<T, double> Value)[] series)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(series);
        if (series.Length == 0)
        {
            throw new ArgumentException("LogTo needs at least one (tag, value) series to write; got none.", nameof(series));
        }

        foreach (var (tag, value) in series)
        {
            MetricsSinkBase.CheckTag(tag);
            ArgumentNullException.ThrowIfNull(value, $"the value selector of tag '{tag}'");
        }

        return source.Subscribe(new Observer<T>(sink, step, series));
    }

    private sealed class Observer<T>(IMetricsSink sink, Func<T, long> step, (string Tag, Func<T, double> Value)[] series) : IObserver<T>
    {
        public void OnNext(T value)
        {
            long at = step(value);
            foreach (var (tag, select) in series)
            {
                sink.Write(at, tag, select(value));
            }
        }

        public void OnCompleted() => sink.Flush();

        public void OnError(Exception error)
        {
            sink.Flush(); // what was logged up to the error still reaches the disk
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
        }
    }
}
