using System.Text.Json;
using System.Text.Json.Serialization;

namespace RlFramework.Runner.Experiments;

/// <summary>
/// One kind of independent run of a reproduction (a RoboRally scheme × seed, an ASI method × task × seed, a TCA
/// variant × seed, ...). Its input and its result are records that travel as JSON, so a run can go to another process
/// or machine as a sweep trial (<c>rl reproduce ... --cluster</c>) and come back as the very result the command would
/// have computed in-process: a reproduction lists its inputs, hands them to an <see cref="IRunExecutor"/> and assembles
/// its report from the results.
/// </summary>
/// <typeparam name="TInput">What one run needs: plain data (names, numbers, configs as JSON), no live objects.</typeparam>
/// <typeparam name="TResult">What one run gives back.</typeparam>
public abstract class RunKind<TInput, TResult> : IRunKind
{
    /// <summary>
    /// How inputs and results are written: public fields too (value tuples), NaN and infinities as names, so every
    /// double comes back bit for bit.
    /// </summary>
    private static readonly JsonSerializerOptions Json = new()
    {
        IncludeFields = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <inheritdoc/>
    public abstract string Name { get; }

    /// <summary>What varies in <paramref name="input"/>, for progress lines and errors (e.g. <c>EndToEnd seed=3</c>).</summary>
    public abstract string Label(TInput input);

    /// <summary>Runs <paramref name="input"/> on the calling thread; the same input gives the same result on any machine.</summary>
    public abstract TResult Run(TInput input);

    /// <summary>The number a sweep ranks this result by ("best so far"), or null when the kind has none.</summary>
    public virtual double? Metric(TResult result) => null;

    /// <summary>Whether a larger <see cref="Metric"/> is better.</summary>
    public virtual bool Maximize => true;

    /// <summary><paramref name="input"/> as JSON.</summary>
    public string InputJson(TInput input) => JsonSerializer.Serialize(input, Json);

    /// <summary>The result written as <paramref name="json"/>.</summary>
    /// <exception cref="InvalidDataException">The JSON is not a result of this kind.</exception>
    public TResult ResultFromJson(string json) => Read<TResult>(json, "result");

    /// <inheritdoc/>
    (string ResultJson, double? Metric) IRunKind.Run(string inputJson)
    {
        var result = Run(Read<TInput>(inputJson, "input"));
        return (JsonSerializer.Serialize(result, Json), Metric(result));
    }

    private T Read<T>(string json, string what)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return JsonSerializer.Deserialize<T>(json, Json) ?? throw new InvalidDataException($"A {Name} run's {what} is empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Not a {Name} run's {what}: {e.Message}", e);
        }
    }
}
