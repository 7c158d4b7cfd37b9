using RlFramework.Envs;

namespace RlFramework.Runner.Experiments.Routing;

/// <summary>A family of envs trained together as tasks (task id = position in <see cref="Ids"/>).</summary>
/// <param name="Name">The family's name in tables and logs.</param>
/// <param name="Ids">The registered env ids, in task-id order (an id may repeat, e.g. with its actions reversed).</param>
/// <param name="Kwargs">Env arguments applied to every task (e.g. an observation format all tasks share).</param>
/// <param name="ObservationSize">The observation length (equal for all tasks).</param>
/// <param name="Actions">The number of discrete actions (equal for all tasks).</param>
/// <param name="Threshold">The mean of a task's last 10 training returns that counts as reaching it.</param>
/// <param name="Reversed">The task ids whose actions are reversed (<see cref="ReversedActions"/>); null: none.</param>
public sealed record TaskFamily(string Name, IReadOnlyList<string> Ids, IReadOnlyDictionary<string, object?>? Kwargs, int ObservationSize, int Actions, double Threshold,
    IReadOnlySet<int>? Reversed = null)
{
    /// <summary>The number of tasks.</summary>
    public int Tasks => Ids.Count;

    /// <summary>Task <paramref name="task"/>'s name in tables: its env id, marked when its actions are reversed.</summary>
    public string TaskName(int task) => Reversed?.Contains(task) == true ? Ids[task] + " (actions reversed)" : Ids[task];

    /// <summary>A fresh env of task <paramref name="task"/> (its actions reversed if the family says so).</summary>
    public IEnv<float[], int> Make(int task)
    {
        var env = Gym.Make<float[], int>(Ids[task], Kwargs);
        return Reversed?.Contains(task) == true ? new ReversedActions(env) : env;
    }
}
