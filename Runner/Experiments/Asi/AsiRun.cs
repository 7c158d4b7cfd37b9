using System.Globalization;
using RlFramework.Agents.Trainers.Asi;

namespace RlFramework.Runner.Experiments.Asi;

/// <summary>
/// One run of <c>rl reproduce asi</c>: one method on one task from one model seed (<see cref="AsiExperiment.RunOne"/>).
/// The task's clips travel as their <see cref="AsiDataSource"/>; a worker builds them once for all its runs of the task.
/// </summary>
internal sealed class AsiRun : RunKind<AsiRun.Input, AsiRunResult>
{
    /// <summary>The clips of the last tasks (both tasks of a reproduction stay).</summary>
    private readonly RunCache<AsiTaskData> _data = new(2);

    private AsiRun()
    {
    }

    /// <summary>The kind.</summary>
    public static AsiRun Instance { get; } = new();

    /// <summary>A run's input.</summary>
    /// <param name="Data">The task's clips.</param>
    /// <param name="ConfigJson">The base trainer config (<see cref="AsiConfig.ToJson"/>), before the method and the task adjust it.</param>
    /// <param name="Method">The method's key (<see cref="AsiMethod.Key"/>).</param>
    /// <param name="Seed">The model seed.</param>
    /// <param name="Seeds">Runs per method and task (they name the runs and rollout pictures).</param>
    /// <param name="Checkpoints">Evaluations along the run.</param>
    /// <param name="RolloutFolder">Where rollout pictures go (full path; shared by the workers), or null for none.</param>
    public sealed record Input(AsiDataSource Data, string ConfigJson, string Method, int Seed, int Seeds, int Checkpoints, string? RolloutFolder);

    /// <inheritdoc/>
    public override string Name => "asi";

    /// <summary>The clips of <paramref name="source"/>, built once per process while they are among the last two asked for.</summary>
    public AsiTaskData Data(AsiDataSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return _data.Get(source.ToString(), source.Load);
    }

    /// <summary>The runs of <paramref name="settings"/> on the tasks of <paramref name="sources"/>, in <see cref="AsiExperiment.Run"/>'s order: task by task, then method by method, then seed by seed.</summary>
    public static IReadOnlyList<Input> Inputs(IReadOnlyList<AsiDataSource> sources, AsiExperimentSettings settings)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(settings);
        string config = settings.Config.ToJson();
        return [.. from source in sources from method in settings.Methods from seed in settings.ModelSeeds()
                   select new Input(source, config, method.Key, seed, settings.Seeds, settings.Checkpoints, settings.RolloutFolder)];
    }

    /// <inheritdoc/>
    public override string Label(Input input) => string.Create(CultureInfo.InvariantCulture, $"{input.Data.EnvId ?? Path.GetFileName(input.Data.DataFile)} {input.Method} seed={input.Seed}");

    /// <inheritdoc/>
    public override AsiRunResult Run(Input input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var method = AsiMethod.Parse(input.Method).Single();
        var settings = new AsiExperimentSettings
        {
            Config = AsiConfig.FromJson(input.ConfigJson),
            Methods = [method],
            TrainTrajectories = input.Data.Training,
            ValidationTrajectories = input.Data.Validation,
            Checkpoints = input.Checkpoints,
            Seed = input.Data.Seed,
            Seeds = input.Seeds,
            Parallelism = 1,
            RolloutFolder = input.RolloutFolder,
        };
        return AsiExperiment.RunOne(Data(input.Data), method, input.Seed, settings, _ => { });
    }

    /// <inheritdoc/>
    public override double? Metric(AsiRunResult result) => result.Curve[^1].Accuracy;
}
