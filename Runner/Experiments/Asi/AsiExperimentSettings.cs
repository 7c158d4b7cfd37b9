using RlFramework.Agents.Trainers.Asi;

namespace RlFramework.Runner.Experiments.Asi;

/// <summary>
/// What <c>rl reproduce asi</c> runs: the base trainer config (each method adjusts it), the methods, the sizes of the training and
/// validation sets, how many evaluations along each run, the root seed and how many runs go at once.
/// </summary>
internal sealed record AsiExperimentSettings
{
    /// <summary>The trainer config shared by the methods.</summary>
    public AsiConfig Config { get; init; } = new();
    /// <summary>The methods trained on each task (default: all four).</summary>
    public IReadOnlyList<AsiMethod> Methods { get; init; } = AsiMethod.All;
    /// <summary>Training trajectories per task.</summary>
    public int TrainTrajectories { get; init; } = 60;
    /// <summary>Held-out validation trajectories per task (other seeds).</summary>
    public int ValidationTrajectories { get; init; } = 20;
    /// <summary>Evaluations along each run, evenly spaced in training model evaluations.</summary>
    public int Checkpoints { get; init; } = 4;
    /// <summary>A folder for a rollout picture (<see cref="AsiRolloutStrip"/>) per run and checkpoint, or null for none.</summary>
    public string? RolloutFolder { get; init; }
    /// <summary>Root seed: trajectory seeds and model seeds derive from it.</summary>
    public int Seed { get; init; }
    /// <summary>Runs per method and task, from the model seeds <see cref="Seed"/>, <see cref="Seed"/> + 1, …, on the same clips.</summary>
    public int Seeds { get; init; } = 1;
    /// <summary>Runs trained at the same time (one core each).</summary>
    public int Parallelism { get; init; } = 2;

    /// <summary>Throws when a value is out of range, naming it.</summary>
    public void Validate()
    {
        Config.Validate();
        if (Methods.Count == 0) throw new ArgumentException("--methods names no method: expected at least one.");
        if (TrainTrajectories <= 0) throw new ArgumentException($"--train-trajectories {TrainTrajectories} is invalid: expected a positive number.");
        if (ValidationTrajectories <= 0) throw new ArgumentException($"--val-trajectories {ValidationTrajectories} is invalid: expected a positive number.");
        if (Checkpoints <= 0 || Checkpoints > Config.ModelEvaluations) throw new ArgumentException($"--checkpoints {Checkpoints} is invalid: expected 1 to the budget of model evaluations ({Config.ModelEvaluations}).");
        if (Seed < 0) throw new ArgumentException($"--seed {Seed} is invalid: expected a non-negative number.");
        if (Seeds <= 0) throw new ArgumentException($"--seeds {Seeds} is invalid: expected a positive number.");
        if (Parallelism <= 0) throw new ArgumentException($"--parallel {Parallelism} is invalid: expected a positive number.");
    }

    /// <summary>The model seeds of each method's runs: <see cref="Seed"/> … <see cref="Seed"/> + <see cref="Seeds"/> − 1.</summary>
    public IReadOnlyList<int> ModelSeeds() => [.. Enumerable.Range(Seed, Seeds)];

    /// <summary>The training model evaluations after which a run evaluates: E·i/K for i = 1..K, E the budget (a run evaluates after the first step that reaches each).</summary>
    public IReadOnlyList<long> CheckpointEvaluations() => [.. Enumerable.Range(1, Checkpoints).Select(i => Config.ModelEvaluations * i / Checkpoints)];
}
