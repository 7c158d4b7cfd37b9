using RlFramework.Agents.Dqn;
using RlFramework.Agents.Routing;

namespace RlFramework.Runner.Experiments.Routing;

/// <summary>The sizes of <c>rl reproduce routing</c>: <see cref="Default"/> fits minutes on 2 cores, <see cref="Smoke"/> seconds (CI).</summary>
public sealed record RoutingReproductionSettings
{
    /// <summary>The first seed; runs use consecutive seeds.</summary>
    public int Seed { get; init; }
    /// <summary>Seeds per setting of tables 1 and 2.</summary>
    public int Seeds { get; init; } = 3;
    /// <summary>Collapse example: training steps.</summary>
    public long CollapseSteps { get; init; } = 3000;
    /// <summary>Collapse example: batch size.</summary>
    public int CollapseBatch { get; init; } = 32;
    /// <summary>Classification: tasks.</summary>
    public int Tasks { get; init; } = 8;
    /// <summary>Classification: training samples per task.</summary>
    public int TrainPerTask { get; init; } = 1000;
    /// <summary>Classification: test samples per task.</summary>
    public int TestPerTask { get; init; } = 500;
    /// <summary>Classification: epochs.</summary>
    public int Epochs { get; init; } = 20;
    /// <summary>Classification: batch size.</summary>
    public int Batch { get; init; } = 32;
    /// <summary>Classification: modules per routed layer.</summary>
    public int Modules { get; init; } = 4;
    /// <summary>Classification: routing depths compared.</summary>
    public int[] Depths { get; init; } = [1, 3];
    /// <summary>CartPole family: env steps per task.</summary>
    public long StepsPerTask { get; init; } = 30_000;
    /// <summary>RoboRally maps: env steps per task (five per episode).</summary>
    public long RoboRallyStepsPerTask { get; init; } = 20_000;
    /// <summary>Task families: greedy evaluation episodes per task.</summary>
    public int EvalEpisodes { get; init; } = 10;
    /// <summary>CartPole family: the routing Q-learner (its DQN part is shared with the baselines).</summary>
    public RoutingQConfig Agent { get; init; } = new();

    /// <summary>The defaults: minutes on 2 cores.</summary>
    public static RoutingReproductionSettings Default { get; } = new();

    /// <summary>Seconds: a smoke run for CI.</summary>
    public static RoutingReproductionSettings Smoke { get; } = new()
    {
        Seeds = 1, CollapseSteps = 200, TrainPerTask = 50, TestPerTask = 20, Epochs = 2, StepsPerTask = 600, RoboRallyStepsPerTask = 300, EvalEpisodes = 1,
        Agent = new RoutingQConfig { Dqn = new RoutingQConfig().Dqn with { TotalTimesteps = 600, LearningStarts = 200, BatchSize = 16, TargetNetworkFrequency = 100 }, Width = 16 },
    };

    /// <summary>The baselines' DQN config: the agent's DQN part with hidden layers of the routed network's shape (input layer, then one module per routed layer).</summary>
    public DqnConfig BaselineDqn => Agent.Dqn with { TotalTimesteps = StepsPerTask, HiddenSizes = Enumerable.Repeat(Agent.Width, Agent.RoutedLayers + 1).ToArray() };
}
