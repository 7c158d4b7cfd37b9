using RlFramework.Agents.Trainers.Asi;
using RlFramework.Agents.Trainers.Asi.Classifiers;

namespace RlFramework.Runner.Experiments.Asi;

/// <summary>
/// One ASI task: its name on the command line, the env that generates its trajectories, the classifier of the outcome,
/// the name of its moving object (in progress lines), and the task-dependent settings: the kernels (ours), the model's layout and the exploration steps K (the paper's).
/// </summary>
internal sealed record AsiTask(string Name, string EnvId, IOutcomeClassifier Classifier, string ObjectName, int Kernels, AsiArchitecture Architecture, int ExplorationSteps)
{
    /// <summary>Funnel Board: which of five platforms the ball lands on (the paper: f-dilated, K = 15,000; 8 kernels: the dilated model runs at full resolution).</summary>
    public static AsiTask Funnel { get; } = new("funnel", "FunnelBoard-v0", new FunnelBoardClassifier(), "ball", 8, AsiArchitecture.Dilated, 15_000);

    /// <summary>Room Runner: whether the runner ends in the red or the blue room (the paper: f-strided, K = 7,500; 16 kernels: the strided model is ~4× cheaper).</summary>
    public static AsiTask Rooms { get; } = new("rooms", "RoomRunner-v0", new RoomRunnerClassifier(), "runner", 16, AsiArchitecture.Strided, 7_500);

    /// <summary>This task with the Room Runner room masks grown <paramref name="pixels"/> through doors (Funnel Board is unchanged).</summary>
    public AsiTask WithDoorGrowth(int pixels) => Classifier is RoomRunnerClassifier ? this with { Classifier = new RoomRunnerClassifier(pixels) } : this;

    /// <summary>The config of a run on this task: <paramref name="config"/> with the task's settings where unset.</summary>
    public AsiConfig Configure(AsiConfig config) => config.WithTaskDefaults(Kernels, Architecture, ExplorationSteps);

    /// <summary>The tasks named by <c>--task</c>: funnel, rooms or both.</summary>
    public static IReadOnlyList<AsiTask> Parse(string name) => name switch
    {
        "funnel" => [Funnel],
        "rooms" => [Rooms],
        "both" => [Funnel, Rooms],
        _ => throw new ArgumentException($"--task '{name}' is unknown: expected funnel, rooms or both."),
    };

    /// <summary>The task of a dataset's env (FunnelBoard… or RoomRunner…, perturbed variants included).</summary>
    public static AsiTask ForEnv(string envId) =>
        envId.StartsWith("FunnelBoard", StringComparison.Ordinal) ? Funnel with { EnvId = envId }
        : envId.StartsWith("RoomRunner", StringComparison.Ordinal) ? Rooms with { EnvId = envId }
        : throw new ArgumentException($"A dataset of {envId} has no ASI task: expected a FunnelBoard or RoomRunner env.");
}
