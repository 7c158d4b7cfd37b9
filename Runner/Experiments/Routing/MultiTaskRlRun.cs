using System.Globalization;

namespace RlFramework.Runner.Experiments.Routing;

/// <summary>
/// One run of table 3 of <c>rl reproduce routing</c>: the three methods on one task family from one seed
/// (<see cref="MultiTaskRlExperiment.Run"/>, the methods one after another), with the diagnostics it logs when asked to.
/// </summary>
public sealed class MultiTaskRlRun : RunKind<MultiTaskRlRun.Input, MultiTaskRlRun.Result>
{
    private MultiTaskRlRun()
    {
    }

    /// <summary>The kind.</summary>
    public static MultiTaskRlRun Instance { get; } = new();

    /// <summary>The families of table 3, in its order; RoboRally's tasks take <see cref="RoutingReproductionSettings.RoboRallyStepsPerTask"/> steps.</summary>
    public static IReadOnlyList<TaskFamily> Families { get; } = [MultiTaskRlExperiment.ConflictingCartPole, MultiTaskRlExperiment.CartPole, MultiTaskRlExperiment.RoboRally];

    /// <summary>A run's input.</summary>
    /// <param name="Settings">The reproduction's sizes.</param>
    /// <param name="Family">The family's index in <see cref="Families"/>.</param>
    /// <param name="Seed">The seed.</param>
    /// <param name="Log">Whether to keep the routing diagnostics.</param>
    public sealed record Input(RoutingReproductionSettings Settings, int Family, int Seed, bool Log);

    /// <summary>A run's result.</summary>
    /// <param name="Rows">A row per method and task.</param>
    /// <param name="Log">The routing diagnostics (empty unless asked for).</param>
    public sealed record Result(IReadOnlyList<MultiTaskRlRow> Rows, IReadOnlyList<(long Step, string Tag, double Value)> Log);

    /// <inheritdoc/>
    public override string Name => "routing-multitask-rl";

    /// <summary>Every family from every seed of <paramref name="settings"/>, seed by seed (the methods of a run go one after another).</summary>
    public static IReadOnlyList<Input> Inputs(RoutingReproductionSettings settings, bool log)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return [.. from seed in Enumerable.Range(settings.Seed, settings.RlSeeds) from family in Enumerable.Range(0, Families.Count) select new Input(settings with { Threads = 1 }, family, seed, log)];
    }

    /// <inheritdoc/>
    public override string Label(Input input) => string.Create(CultureInfo.InvariantCulture, $"{Family(input).Name} seed={input.Seed}");

    /// <inheritdoc/>
    public override Result Run(Input input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var family = Family(input);
        var settings = family == MultiTaskRlExperiment.RoboRally ? input.Settings with { StepsPerTask = input.Settings.RoboRallyStepsPerTask } : input.Settings;
        var recording = input.Log ? new MetricsRecording() : null;
        var rows = MultiTaskRlExperiment.Run(family, settings, input.Seed, recording is null ? null : new RoutingLog(recording));
        return new Result(rows, recording?.Points ?? []);
    }

    private static TaskFamily Family(Input input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.Family >= 0 && input.Family < Families.Count ? Families[input.Family]
            : throw new ArgumentException($"Task family {input.Family} does not exist: expected 0 to {Families.Count - 1}.");
    }
}
