using System.Globalization;

namespace RlFramework.Runner.Experiments.EProp;

/// <summary>One run of <c>rl reproduce eprop-tca</c>: one variant of <see cref="TcaVariant.Standard"/> from one seed (<see cref="TcaExperiment.Run"/>).</summary>
public sealed class TcaRun : RunKind<TcaRun.Input, TcaResult>
{
    private TcaRun()
    {
    }

    /// <summary>The kind.</summary>
    public static TcaRun Instance { get; } = new();

    /// <summary>A run's input: the variant's key in <see cref="TcaVariant.Standard"/> of <paramref name="TraceEcho"/>, the task's delay, the seed and the Adam steps.</summary>
    /// <param name="TraceEcho">λ_echo of the extended variant.</param>
    /// <param name="Variant">The variant's key (<see cref="TcaVariant.Key"/>).</param>
    /// <param name="Delay">The task's delay.</param>
    /// <param name="Seed">The seed.</param>
    /// <param name="Iterations">Adam steps.</param>
    public sealed record Input(double TraceEcho, string Variant, int Delay, int Seed, int Iterations);

    /// <inheritdoc/>
    public override string Name => "eprop-tca";

    /// <summary>Each of <paramref name="variants"/> from seeds 0 … <paramref name="seeds"/> − 1, variant by variant.</summary>
    public static IReadOnlyList<Input> Inputs(IEnumerable<TcaVariant> variants, double traceEcho, TcaTask task, int seeds, int iterations)
    {
        ArgumentNullException.ThrowIfNull(variants);
        ArgumentNullException.ThrowIfNull(task);
        return [.. from v in variants from s in Enumerable.Range(0, seeds) select new Input(traceEcho, v.Key, task.Delay, s, iterations)];
    }

    /// <inheritdoc/>
    public override string Label(Input input) => string.Create(CultureInfo.InvariantCulture, $"{Variant(input).Name} seed={input.Seed}");

    /// <inheritdoc/>
    public override TcaResult Run(Input input) => TcaExperiment.Run(Variant(input), new TcaTask(input.Delay), input.Seed, input.Iterations);

    /// <inheritdoc/>
    public override double? Metric(TcaResult result) => result.TestError;

    /// <inheritdoc/>
    public override bool Maximize => false;

    private static TcaVariant Variant(Input input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return TcaVariant.Select([input.Variant], input.TraceEcho)[0];
    }
}
