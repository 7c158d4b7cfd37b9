using RlFramework.Agents;
using RlFramework.Agents.Dqn;
using RlFramework.Agents.Routing;
using RlFramework.Envs;
using RlFramework.Envs.Classic;
using RlFramework.Envs.RoboRally;
using RlFramework.Envs.Vector;
using RlFramework.Runner.Training;

namespace RlFramework.Runner.Experiments.Routing;

/// <summary>
/// The routing Q-learner on a multi-task env family (one env per task, task id = env index) against one DQN shared by
/// all tasks (no task id) and one DQN per task. All take the same env steps per task and the same number of gradient
/// steps in total: the multi-task agents learn every iteration (one step of each task), each per-task DQN every
/// <c>tasks</c> of its steps.
/// </summary>
public static class MultiTaskRlExperiment
{
    private const int Window = 10;

    /// <summary>The CartPole physics family: CartPole-v1 and <see cref="ClassicControl.PhysicsVariants"/>; threshold 195.</summary>
    public static TaskFamily CartPole { get; } = new("CartPole", ["CartPole-v1", .. ClassicControl.PhysicsVariants.Select(v => v.Name + "-v1")], null, 4, 2, 195);

    /// <summary>
    /// Four bundled RoboRally maps (belts, corridor, lasers, pitahead; observation "structured": x, y, heading, so all
    /// maps share one input), one five-card turn per episode; threshold 10 (on average a goal reached).
    /// </summary>
    public static TaskFamily RoboRally { get; } = new("RoboRally", [.. new[] { "belts", "corridor", "lasers", "pitahead" }.Select(RoboRallyFamily.Id)],
        new Dictionary<string, object?> { ["observation"] = "structured" }, 3, 4, 10);

    /// <summary>
    /// Conflicting tasks: CartPole-v1 and CartPole-v1 with push left and push right swapped (<see cref="ReversedActions"/>).
    /// Every observation asks for opposite actions in the two tasks, so one network without the task id must fail one
    /// of them; threshold 195.
    /// </summary>
    public static TaskFamily ConflictingCartPole { get; } = new("CartPole conflicting", ["CartPole-v1", "CartPole-v1"], null, 4, 2, 195, new HashSet<int> { 1 });

    /// <summary>
    /// Trains and evaluates the three methods on <paramref name="family"/> from <paramref name="seed"/> (at most
    /// <see cref="RoutingReproductionSettings.Threads"/> at once); <paramref name="log"/> receives the routing diagnostics.
    /// A task's return is the mean of greedy evaluations at the last <see cref="RoutingReproductionSettings.EvalCheckpoints"/> checkpoints.
    /// </summary>
    public static IReadOnlyList<MultiTaskRlRow> Run(TaskFamily family, RoutingReproductionSettings settings, int seed, RoutingLog? log = null)
    {
        ArgumentNullException.ThrowIfNull(family);
        ArgumentNullException.ThrowIfNull(settings);
        int tasks = family.Tasks, observations = family.ObservationSize, actions = family.Actions;
        int[] all = [.. Enumerable.Range(0, tasks)];
        var baseline = settings.BaselineDqn with { TotalTimesteps = settings.StepsPerTask };
        var agentConfig = settings.Agent with { Dqn = settings.Agent.Dqn with { TotalTimesteps = settings.StepsPerTask } };
        var rows = new MultiTaskRlRow[3][];
        Parallel.Invoke(new ParallelOptions { MaxDegreeOfParallelism = settings.Threads },
            () =>
            {
                using var agent = new RoutingQAgent(agentConfig, observations, actions, tasks, all, seed);
                var (reached, returns) = Train(agent, family, all, settings, seed);
                var routes = Enumerable.Range(0, tasks).Select(agent.RouteOf).ToArray();
                log?.Write(family.Name.ToLowerInvariant() + "/routing_q", agent.Steps, Models.Routing.RoutingDiagnostics.Compute(
                    Enumerable.Range(0, tasks).Select(t => RouteTrajectory(routes[t], t)), agent.QNetwork.Router.Actions, tasks, agentConfig.Routing.CollapseShare));
                rows[0] = [.. all.Select(t => new MultiTaskRlRow(family.Name, RoutingQLearner, family.TaskName(t), seed, returns[t], reached[t], string.Join(" → ", routes[t].Select(m => "m" + m))))];
            },
            () =>
            {
                using var agent = new DqnAgent(baseline, observations, actions, tasks, seed);
                var (reached, returns) = Train(agent, family, all, settings, seed);
                rows[1] = [.. all.Select(t => new MultiTaskRlRow(family.Name, SharedDqn, family.TaskName(t), seed, returns[t], reached[t], ""))];
            },
            () =>
            {
                rows[2] = new MultiTaskRlRow[tasks];
                for (int t = 0; t < tasks; t++)
                {
                    using var agent = new DqnAgent(baseline with { TrainFrequency = baseline.TrainFrequency * tasks }, observations, actions, 1, seed + t);
                    var (reached, returns) = Train(agent, family, [t], settings, seed + t);
                    rows[2][t] = new MultiTaskRlRow(family.Name, PerTaskDqns, family.TaskName(t), seed, returns[0], reached[0], "");
                }
            });
        return [.. rows.SelectMany(r => r)];
    }

    private static Models.Routing.RoutingTrajectory RouteTrajectory(int[] route, int task)
    {
        using var scope = Models.torch.NewDisposeScope();
        var decisions = route.Select((action, depth) => new Models.Routing.RouterDecisions(depth, [0], Models.torch.zeros(1, 1), [action], [1f], [false])).ToArray();
        return new Models.Routing.RoutingTrajectory([task], route.Length, decisions);
    }

    /// <summary>The method names in rows.</summary>
    public const string RoutingQLearner = "routing Q-learner", SharedDqn = "shared DQN", PerTaskDqns = "per-task DQNs";

    /// <summary>One env per task in a vector env; their observation spaces are widened to the family's union of bounds.</summary>
    private static SyncVectorEnv<float, int> MakeEnvs(TaskFamily family, IReadOnlyList<int> tasks)
    {
        var probes = Enumerable.Range(0, family.Tasks).Select(family.Make).ToArray();
        var space = SharedObservationSpace.Union(probes);
        foreach (var probe in probes) probe.Dispose();
        return new(tasks.Select(t => (Func<IEnv<float[], int>>)(() => new SharedObservationSpace(family.Make(t), space))), AutoresetMode.SameStep);
    }

    /// <summary>
    /// Trains <paramref name="agent"/> (one env per task); returns per task the env steps until its last 10 training
    /// returns averaged the threshold, and the mean of its greedy evaluations at the checkpoints
    /// (<see cref="RoutingReproductionSettings.CheckpointSteps"/>).
    /// </summary>
    private static (long?[] Reached, double[] Returns) Train(IAgent<int> agent, TaskFamily family, IReadOnlyList<int> tasks, RoutingReproductionSettings settings, int seed)
    {
        using var envs = MakeEnvs(family, tasks);
        using var loop = new TrainingLoop<int>(envs, agent);
        var recent = tasks.Select(_ => new Queue<double>()).ToArray();
        var reached = new long?[tasks.Count];
        var returns = new double[tasks.Count];
        var checkpoints = new Queue<long>(settings.CheckpointSteps);
        using var evaluation = loop.Steps.Subscribe(step =>
        {
            if (checkpoints.Count == 0 || step.Iteration < checkpoints.Peek()) return;
            checkpoints.Dequeue();
            var greedy = GreedyReturns(agent, family, tasks, settings.EvalEpisodes, seed + 10_000);
            for (int t = 0; t < returns.Length; t++) returns[t] += greedy[t] / settings.EvalCheckpoints;
        });
        using var subscription = loop.Episodes.Subscribe(episode =>
        {
            var window = recent[episode.Env];
            window.Enqueue(episode.Return);
            if (window.Count > Window) window.Dequeue();
            if (reached[episode.Env] is null && window.Count == Window && window.Average() >= family.Threshold)
                reached[episode.Env] = episode.Step / tasks.Count;
        });
        loop.Run(TrainingBudget.InSteps(settings.StepsPerTask * tasks.Count), seed);
        if (checkpoints.Count > 0) throw new InvalidOperationException($"Training ended before the checkpoints at {string.Join(", ", checkpoints)} steps per task.");
        return (reached, returns);
    }

    /// <summary>The mean return of <paramref name="episodes"/> greedy episodes per env, all envs stepped together.</summary>
    private static double[] GreedyReturns(IAgent<int> agent, TaskFamily family, IReadOnlyList<int> tasks, int episodes, int seed)
    {
        using var envs = MakeEnvs(family, tasks);
        int n = tasks.Count;
        var observations = envs.Reset(seed).Observations.ToArray();
        var actions = new int[n];
        var totals = new double[n];
        var running = new double[n];
        var finished = new int[n];
        while (finished.Any(f => f < episodes))
        {
            agent.Act(observations, actions, explore: false);
            var step = envs.Step(actions);
            for (int e = 0; e < n; e++)
            {
                running[e] += step.Rewards[e];
                if (!step.Done(e)) continue;
                if (finished[e]++ < episodes) totals[e] += running[e];
                running[e] = 0;
            }
            step.Observations.CopyTo(observations);
        }
        return totals.Select(t => t / episodes).ToArray();
    }
}
