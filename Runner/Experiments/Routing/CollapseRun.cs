using System.Globalization;
using RlFramework.Models.Routing;

namespace RlFramework.Runner.Experiments.Routing;

/// <summary>One run of table 1 of <c>rl reproduce routing</c>: one setting of the collapse example on one seed (<see cref="CollapseExperiment.RunOne"/>).</summary>
public sealed class CollapseRun : RunKind<CollapseRun.Input, (double[] Usage, double TestMse, LayerDiagnostics Layer)>
{
    private CollapseRun()
    {
    }

    /// <summary>The kind.</summary>
    public static CollapseRun Instance { get; } = new();

    /// <summary>A run's input.</summary>
    /// <param name="Steps">Training steps.</param>
    /// <param name="Batch">Batch size.</param>
    /// <param name="Setting">The setting's index in <see cref="CollapseExperiment.Settings"/>.</param>
    /// <param name="Seed">The seed.</param>
    public sealed record Input(long Steps, int Batch, int Setting, int Seed);

    /// <inheritdoc/>
    public override string Name => "routing-collapse";

    /// <inheritdoc/>
    public override string Label(Input input) => string.Create(CultureInfo.InvariantCulture, $"setting {input.Setting} seed={input.Seed}");

    /// <inheritdoc/>
    public override (double[] Usage, double TestMse, LayerDiagnostics Layer) Run(Input input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var settings = CollapseExperiment.Settings(input.Steps);
        if (input.Setting < 0 || input.Setting >= settings.Count)
            throw new ArgumentException($"Collapse setting {input.Setting} does not exist: expected 0 to {settings.Count - 1}.");
        return CollapseExperiment.RunOne(settings[input.Setting].Config, settings[input.Setting].BadBias, input.Steps, input.Batch, input.Seed);
    }

    /// <inheritdoc/>
    public override double? Metric((double[] Usage, double TestMse, LayerDiagnostics Layer) result) => result.TestMse;

    /// <inheritdoc/>
    public override bool Maximize => false;
}
