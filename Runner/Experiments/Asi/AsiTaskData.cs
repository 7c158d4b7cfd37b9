using RlFramework.Agents.Trainers.Asi;

namespace RlFramework.Runner.Experiments.Asi;

/// <summary>A task's data: training and validation trajectories.</summary>
internal sealed record AsiTaskData(AsiTask Task, IReadOnlyList<AsiTrajectory> Training, IReadOnlyList<AsiTrajectory> Validation);
