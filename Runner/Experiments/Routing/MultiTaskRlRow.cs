namespace RlFramework.Runner.Experiments.Routing;

/// <summary>One method on one task of a multi-task env family.</summary>
/// <param name="Family">The task family.</param>
/// <param name="Method">Routing Q-learner, shared DQN or per-task DQNs.</param>
/// <param name="Task">The task's name (env id, marked when its actions are reversed).</param>
/// <param name="Seed">The run's seed.</param>
/// <param name="MeanReturn">The mean return of greedy evaluation episodes, averaged over the last checkpoints.</param>
/// <param name="StepsToThreshold">The task's env steps until the mean of its last 10 training returns reached the family's threshold; null if never.</param>
/// <param name="ModuleUsage">The routing Q-learner's module per routed layer for the task (empty for the baselines).</param>
public sealed record MultiTaskRlRow(string Family, string Method, string Task, int Seed, double MeanReturn, long? StepsToThreshold, string ModuleUsage);
