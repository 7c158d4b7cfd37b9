namespace RlFramework.Runner.Logging;

/// <summary>
/// A destination for scalar training metrics (CSV file, TensorBoard event file, several at once through
/// <see cref="CompositeMetricsSink"/>). Implementations are thread-safe; writing after <see cref="IDisposable.Dispose"/> throws.
/// </summary>
public interface IMetricsSink : IDisposable
{
    /// <summary>Records <paramref name="value"/> for the series <paramref name="tag"/> at training step <paramref name="step"/> (buffered; see <see cref="Flush"/>).</summary>
    void Write(long step, string tag, double value);

    /// <summary>Pushes everything written so far to disk.</summary>
    void Flush();
}
