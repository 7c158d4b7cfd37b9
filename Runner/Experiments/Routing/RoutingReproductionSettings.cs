using RlFramework.Agents.Dqn;
using RlFramework.Agents.Routing;

namespace RlFramework.Runner.Experiments.Routing;

/// <summary>The sizes of <c>rl reproduce routing</c>: <see cref="Default"/> fits minutes on 2 cores, <see cref="Smoke"/> seconds (CI).</summary>
public sealed record RoutingReproductionSettings
{
    /// <summary>The first seed; runs use consecutive seeds.</summary>
    public int Seed { get; init; }
    /// <summary>Seeds per setting of tables 1 and 2.</summary>
    public int Seeds { get; init; } = 5;
    /// <summary>Seeds of table 3 (every method on every task family).</summary>
    public int RlSeeds { get; init; } = 5;
    /// <summary>Runs at once (experiments spread their runs over at most this many threads; torch ops use one thread each when 1).</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;
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
    public int[] Depths { get; init; } = [1, 2, 3];
    /// <summary>CartPole family: env steps per task.</summary>
    public long StepsPerTask { get; init; } = 30_000;
    /// <summary>RoboRally maps: env steps per task (five per episode).</summary>
    public long RoboRallyStepsPerTask { get; init; } = 20_000;
    /// <summary>Task families: greedy evaluation episodes per task at each checkpoint.</summary>
    public int EvalEpisodes { get; init; } = 10;
    /// <summary>Task families: the greedy evaluations averaged, at 100 %, 90 %, 80 %, ... of training (the last checkpoints).</summary>
    public int EvalCheckpoints { get; init; } = 5;
    /// <summary>
    /// The routing Q-learner: its defaults (SGD, final reward ±1, router ε → 0.01) with a module learning rate for SGD;
    /// its DQN part (replay, target network, ε schedule, batch) is shared with the baselines.
    /// </summary>
    public RoutingQConfig Agent { get; init; } = new();
    /// <summary>The baselines' learning rate (their DQN uses Adam).</summary>
    public double BaselineLearningRate { get; init; } = 1e-3;

    /// <summary>The defaults: minutes on 2 cores.</summary>
    public static RoutingReproductionSettings Default { get; } = new();

    /// <summary>Seconds: a smoke run for CI.</summary>
    public static RoutingReproductionSettings Smoke { get; } = new()
    {
        Seeds = 1,
        RlSeeds = 1,
        EvalCheckpoints = 2,
        Depths = [1, 3],
        CollapseSteps = 200,
        TrainPerTask = 50,
        TestPerTask = 20,
        Epochs = 2,
        StepsPerTask = 600,
        RoboRallyStepsPerTask = 300,
        EvalEpisodes = 1,
        Agent = new RoutingQConfig { Dqn = new RoutingQConfig().Dqn with { TotalTimesteps = 600, LearningStarts = 200, BatchSize = 16, TargetNetworkFrequency = 100 }, Width = 16 },
    };

    /// <summary>
    /// The baselines' DQN config: the agent's DQN part with <see cref="BaselineLearningRate"/> and hidden layers of the
    /// routed network's shape (input layer, then one module per routed layer).
    /// </summary>
    public DqnConfig BaselineDqn => Agent.Dqn with
    {
        TotalTimesteps = StepsPerTask,
        LearningRate = BaselineLearningRate,
        HiddenSizes = Enumerable.Repeat(Agent.Width, Agent.RoutedLayers + 1).ToArray(),
    };

    /// <summary>The per-task steps of the evaluation checkpoints: the last <see cref="EvalCheckpoints"/> tenths of training, earliest first.</summary>
    public IEnumerable<long> CheckpointSteps => Enumerable.Range(0, EvalCheckpoints).Reverse().Select(k => StepsPerTask * (10 - k) / 10);
}
