using System.Globalization;
using RlFramework.Agents.Drqn;

namespace RlFramework.Runner.Experiments.EProp;

/// <summary>One run of <c>rl reproduce eprop-drqn</c>: one variant in one env from one seed (<see cref="DrqnTrial.Run"/>).</summary>
public sealed class EPropDrqnRun : RunKind<EPropDrqnRun.Input, DrqnTrialResult>
{
    private EPropDrqnRun()
    {
    }

    /// <summary>The kind.</summary>
    public static EPropDrqnRun Instance { get; } = new();

    /// <summary>A run's input.</summary>
    /// <param name="Variant">The variant's name.</param>
    /// <param name="ConfigJson">Its DRQN config (<see cref="DrqnConfig.ToJson"/>).</param>
    /// <param name="EnvId">The env.</param>
    /// <param name="Seed">The seed.</param>
    /// <param name="Episodes">The episode budget, the random episodes included.</param>
    public sealed record Input(string Variant, string ConfigJson, string EnvId, int Seed, int Episodes);

    /// <inheritdoc/>
    public override string Name => "eprop-drqn";

    /// <inheritdoc/>
    public override string Label(Input input) => string.Create(CultureInfo.InvariantCulture, $"{input.EnvId} {input.Variant} seed={input.Seed}");

    /// <inheritdoc/>
    public override DrqnTrialResult Run(Input input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return DrqnTrial.Run(input.Variant, DrqnConfig.FromJson(input.ConfigJson), input.EnvId, input.Seed, input.Episodes);
    }

    /// <inheritdoc/>
    public override double? Metric(DrqnTrialResult result) => result.FinalMeanReturn;
}
