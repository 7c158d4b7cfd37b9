namespace RlFramework.Runner.Experiments.Routing;

/// <summary>A family of envs trained together as tasks (task id = position in <see cref="Ids"/>).</summary>
/// <param name="Name">The family's name in tables and logs.</param>
/// <param name="Ids">The registered env ids, in task-id order.</param>
/// <param name="Kwargs">Env arguments applied to every task (e.g. an observation format all tasks share).</param>
/// <param name="ObservationSize">The observation length (equal for all tasks).</param>
/// <param name="Actions">The number of discrete actions (equal for all tasks).</param>
/// <param name="Threshold">The mean of a task's last 10 training returns that counts as reaching it.</param>
public sealed record TaskFamily(string Name, IReadOnlyList<string> Ids, IReadOnlyDictionary<string, object?>? Kwargs, int ObservationSize, int Actions, double Threshold);
