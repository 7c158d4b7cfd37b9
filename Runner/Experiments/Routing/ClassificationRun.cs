using System.Globalization;
using RlFramework.Models.Routing;

namespace RlFramework.Runner.Experiments.Routing;

/// <summary>
/// One run of tables 2 and 4 of <c>rl reproduce routing</c>: one router variant at one depth on one seed
/// (<see cref="MultiTaskClassificationExperiment.RunOne"/>), with the diagnostics it logs when asked to.
/// </summary>
public sealed class ClassificationRun : RunKind<ClassificationRun.Input, ClassificationRun.Result>
{
    private ClassificationRun()
    {
    }

    /// <summary>The kind.</summary>
    public static ClassificationRun Instance { get; } = new();

    /// <summary>A run's input.</summary>
    /// <param name="Settings">The reproduction's sizes.</param>
    /// <param name="Ablation">Whether <paramref name="Variant"/> indexes <see cref="MultiTaskClassificationExperiment.Ablations"/> (table 4) rather than <see cref="MultiTaskClassificationExperiment.Variants"/> (table 2).</param>
    /// <param name="Variant">The variant's index.</param>
    /// <param name="Depth">Routed layers.</param>
    /// <param name="Seed">The seed.</param>
    /// <param name="Log">Whether to keep the diagnostics of every epoch.</param>
    public sealed record Input(RoutingReproductionSettings Settings, bool Ablation, int Variant, int Depth, int Seed, bool Log);

    /// <summary>A run's result.</summary>
    /// <param name="Accuracy">Test accuracy.</param>
    /// <param name="Layers">The diagnostics of each routed layer on the test set.</param>
    /// <param name="Seconds">Training wall time.</param>
    /// <param name="Log">The diagnostics logged after every epoch (empty unless asked for).</param>
    public sealed record Result(double Accuracy, LayerDiagnostics[] Layers, double Seconds, IReadOnlyList<(long Step, string Tag, double Value)> Log);

    /// <inheritdoc/>
    public override string Name => "routing-classification";

    /// <inheritdoc/>
    public override string Label(Input input) => string.Create(CultureInfo.InvariantCulture, $"{Variant(input).Name} depth={input.Depth} seed={input.Seed}");

    /// <inheritdoc/>
    public override Result Run(Input input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var recording = input.Log ? new MetricsRecording() : null;
        var (accuracy, layers, seconds) = MultiTaskClassificationExperiment.RunOne(Variant(input), input.Depth, input.Settings, input.Seed, recording is null ? null : new RoutingLog(recording));
        return new Result(accuracy, layers, seconds, recording?.Points ?? []);
    }

    /// <inheritdoc/>
    public override double? Metric(Result result) => result.Accuracy;

    private static MultiTaskClassificationExperiment.Variant Variant(Input input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var variants = input.Ablation ? MultiTaskClassificationExperiment.Ablations : MultiTaskClassificationExperiment.Variants;
        return input.Variant >= 0 && input.Variant < variants.Count ? variants[input.Variant]
            : throw new ArgumentException($"Router variant {input.Variant} does not exist: expected 0 to {variants.Count - 1}.");
    }
}
