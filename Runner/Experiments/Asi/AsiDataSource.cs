using RlFramework.Agents.Trainers.Asi;

namespace RlFramework.Runner.Experiments.Asi;

/// <summary>
/// Where a task's clips come from, as plain data (so a worker can build the same clips): generated from
/// <paramref name="EnvId"/> (training seeds from <paramref name="Seed"/> on, validation seeds from <paramref name="Seed"/>
/// + 1,000,000 on), or read from the dataset file <paramref name="DataFile"/> (the first clips train, the next validate;
/// its env sets the task).
/// </summary>
/// <param name="EnvId">The env that generates the clips, or null for a dataset.</param>
/// <param name="DoorGrowth">Pixels the Room Runner room masks grow through doors.</param>
/// <param name="DataFile">A dataset written by <c>rl dataset</c> (full path), or null to generate the clips.</param>
/// <param name="Training">Training clips.</param>
/// <param name="Validation">Validation clips.</param>
/// <param name="Seed">The first training seed of generated clips.</param>
/// <param name="Parallelism">Threads that generate clips (the clips do not depend on it).</param>
internal sealed record AsiDataSource(string? EnvId, int DoorGrowth, string? DataFile, int Training, int Validation, int Seed, int Parallelism)
{
    /// <summary>The clips of <paramref name="task"/>'s env under <paramref name="settings"/>.</summary>
    public static AsiDataSource Generated(AsiTask task, int doorGrowth, AsiExperimentSettings settings) =>
        new(task.EnvId, doorGrowth, null, settings.TrainTrajectories, settings.ValidationTrajectories, settings.Seed, settings.Parallelism);

    /// <summary>The clips of the dataset <paramref name="file"/> (its env sets the task).</summary>
    public static AsiDataSource FromFile(string file, int doorGrowth, AsiExperimentSettings settings) =>
        new(null, doorGrowth, Path.GetFullPath(file), settings.TrainTrajectories, settings.ValidationTrajectories, settings.Seed, settings.Parallelism);

    /// <summary>Builds the clips.</summary>
    /// <exception cref="ArgumentException">The dataset holds fewer clips than asked for, or its env has no ASI task.</exception>
    public AsiTaskData Load()
    {
        if (DataFile is null)
        {
            ArgumentNullException.ThrowIfNull(EnvId);
            return new(AsiTask.ForEnv(EnvId).WithDoorGrowth(DoorGrowth),
                TrajectoryGenerator.Generate(EnvId, Training, Seed, Parallelism), TrajectoryGenerator.Generate(EnvId, Validation, Seed + 1_000_000, Parallelism));
        }
        var (envId, clips) = AsiDataFile.Load(DataFile);
        int needed = Training + Validation;
        if (clips.Length < needed)
            throw new ArgumentException($"{Path.GetFileName(DataFile)} holds {clips.Length} clips; --train-trajectories {Training} + --val-trajectories {Validation} need {needed}.");
        return new(AsiTask.ForEnv(envId).WithDoorGrowth(DoorGrowth), clips[..Training], clips[Training..needed]);
    }
}
