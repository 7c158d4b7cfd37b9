using System.Globalization;
using RlFramework.Agents.Trainers.Planning;
using RlFramework.Envs.RoboRally;

namespace RlFramework.Runner.Experiments.RoboRally;

/// <summary>
/// One run of the RoboRally reproduction (scheme × seed): the map (as text), the planning config, the scheme and the
/// seed are its input; a worker trains it with <see cref="PlanningTrainer"/> and returns its <see cref="PlanningRunResult"/>.
/// The runs are deterministic for their seed, so the table equals the in-process one.
/// </summary>
internal sealed class RoboRallyRun : RunKind<RoboRallyRun.Input, PlanningRunResult>
{
    /// <summary>The trainers of the last maps and configs (a trainer solves its map once).</summary>
    private readonly RunCache<PlanningTrainer> _trainers = new(2);

    private RoboRallyRun()
    {
    }

    /// <summary>The kind.</summary>
    public static RoboRallyRun Instance { get; } = new();

    /// <summary>A run's input.</summary>
    public sealed record Input(string MapName, string MapText, string ConfigJson, TrainingScheme Scheme, long Seed);

    /// <inheritdoc/>
    public override string Name => "roborally";

    /// <summary>The runs of the reproduction: <paramref name="runs"/> seeds from <paramref name="seed"/> per scheme, in run order (<see cref="RoboRallyReproduction.RunOf"/>).</summary>
    public static IReadOnlyList<Input> Inputs(RoboRallyMap map, PlanningConfig config, int runs, long seed)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentOutOfRangeException.ThrowIfLessThan(runs, 1);
        string mapText = map.ToText(), configJson = config.ToJson();
        return [.. Enumerable.Range(0, RoboRallyReproduction.Schemes.Count * runs).Select(i =>
        {
            var (scheme, runSeed) = RoboRallyReproduction.RunOf(i, runs, seed);
            return new Input(map.Name, mapText, configJson, scheme, runSeed);
        })];
    }

    /// <inheritdoc/>
    public override string Label(Input input) => string.Create(CultureInfo.InvariantCulture, $"{input.Scheme} seed={input.Seed}");

    /// <inheritdoc/>
    public override PlanningRunResult Run(Input input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var trainer = _trainers.Get(input.MapName + "\n" + input.MapText + "\n" + input.ConfigJson,
            () => new PlanningTrainer(RoboRallyMap.Parse(input.MapText, input.MapName), PlanningConfig.FromJson(input.ConfigJson)));
        return trainer.Run(input.Scheme, input.Seed);
    }

    /// <inheritdoc/>
    public override double? Metric(PlanningRunResult result) => result.Return;
}
