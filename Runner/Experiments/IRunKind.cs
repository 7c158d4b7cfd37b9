namespace RlFramework.Runner.Experiments;

/// <summary>
/// A kind of run as a worker sees it (<see cref="RunKind{TInput, TResult}"/> without its types): a name, and JSON in,
/// JSON out.
/// </summary>
public interface IRunKind
{
    /// <summary>The kind's name, which a sweep trial carries to say what its input is.</summary>
    string Name { get; }

    /// <summary>Runs the input <paramref name="inputJson"/> on the calling thread; returns the result as JSON and its ranking metric, if any.</summary>
    /// <exception cref="InvalidDataException">The JSON is not an input of this kind.</exception>
    (string ResultJson, double? Metric) Run(string inputJson);
}
