using RlFramework.Agents.Asi;

namespace RlFramework.Runner.Experiments.Asi;

/// <summary>One ASI task: its name on the command line, the env that generates its trajectories and the classifier of the outcome.</summary>
internal sealed record AsiTask(string Name, string EnvId, IOutcomeClassifier Classifier)
{
    /// <summary>Funnel Board: which of five platforms the ball lands on.</summary>
    public static AsiTask Funnel { get; } = new("funnel", "FunnelBoard-v0", new FunnelBoardClassifier());

    /// <summary>Room Runner: whether the runner ends in the red or the blue room.</summary>
    public static AsiTask Rooms { get; } = new("rooms", "RoomRunner-v0", new RoomRunnerClassifier());

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
