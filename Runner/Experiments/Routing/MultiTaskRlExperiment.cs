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
    /// The RoboRally maps (every bundled map; observation "structured": x, y, heading, so all maps share one input),
    /// one five-card turn per episode; threshold 10 (on average a goal reached).
    /// </summary>
    public static TaskFamily RoboRally { get; } = new("RoboRally", [.. RoboRallyMaps.Names.Select(RoboRallyFamily.Id)],
        new Dictionary<string, object?> { ["observation"] = "structured" }, 3, 4, 10);

    /// <summary>Trains and evaluates the three methods on <paramref name="family"/> (in parallel); <paramref name="log"/> receives the routing diagnostics.</summary>
    public static IReadOnlyList<MultiTaskRlRow> Run(TaskFamily family, RoutingReproductionSettings settings, RoutingLog? log = null)
    {
        ArgumentNullException.ThrowIfNull(family);
        ArgumentNullException.ThrowIfNull(settings);
        var ids = family.Ids;
        int tasks = ids.Count, seed = settings.Seed, observations = family.ObservationSize, actions = family.Actions;
        var baseline = settings.BaselineDqn;
        var agentConfig = settings.Agent with { Dqn = settings.Agent.Dqn with { TotalTimesteps = settings.StepsPerTask } };
        var rows = new MultiTaskRlRow[3][];
        Parallel.Invoke(
            () =>
            {
                using var agent = new RoutingQAgent(agentConfig, observations, actions, tasks, Enumerable.Range(0, tasks).ToArray(), seed);
                var reached = Train(agent, family, ids, settings.StepsPerTask, seed);
                var returns = GreedyReturns(agent, family, ids, settings.EvalEpisodes, seed + 10_000);
                var routes = Enumerable.Range(0, tasks).Select(agent.RouteOf).ToArray();
                log?.Write(family.Name.ToLowerInvariant() + "/routing_q", agent.Steps, Models.Routing.RoutingDiagnostics.Compute(
                    Enumerable.Range(0, tasks).Select(t => RouteTrajectory(routes[t], t)), agent.QNetwork.Router.Actions, tasks, agentConfig.Routing.CollapseShare));
                rows[0] = Enumerable.Range(0, tasks).Select(t => new MultiTaskRlRow(family.Name, "routing Q-learner", ids[t], returns[t], reached[t], string.Join(" → ", routes[t].Select(m => "m" + m)))).ToArray();
            },
            () =>
            {
                using var agent = new DqnAgent(baseline, observations, actions, tasks, seed);
                var reached = Train(agent, family, ids, settings.StepsPerTask, seed);
                var returns = GreedyReturns(agent, family, ids, settings.EvalEpisodes, seed + 10_000);
                rows[1] = Enumerable.Range(0, tasks).Select(t => new MultiTaskRlRow(family.Name, "shared DQN", ids[t], returns[t], reached[t], "")).ToArray();
            },
            () =>
            {
                rows[2] = new MultiTaskRlRow[tasks];
                for (int t = 0; t < tasks; t++)
                {
                    using var agent = new DqnAgent(baseline with { TrainFrequency = baseline.TrainFrequency * tasks }, observations, actions, 1, seed + t);
                    var reached = Train(agent, family, [ids[t]], settings.StepsPerTask, seed + t);
                    var returns = GreedyReturns(agent, family, [ids[t]], settings.EvalEpisodes, seed + 10_000);
                    rows[2][t] = new MultiTaskRlRow(family.Name, "per-task DQNs", ids[t], returns[0], reached[0], "");
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

    /// <summary>One env per id in a vector env; their observation spaces are widened to the family's union of bounds.</summary>
    private static SyncVectorEnv<float, int> MakeEnvs(TaskFamily family, IReadOnlyList<string> ids)
    {
        var probes = family.Ids.Select(id => Gym.Make<float[], int>(id, family.Kwargs)).ToArray();
        var space = SharedObservationSpace.Union(probes);
        foreach (var probe in probes) probe.Dispose();
        return new(ids.Select(id => (Func<IEnv<float[], int>>)(() => new SharedObservationSpace(Gym.Make<float[], int>(id, family.Kwargs), space))), AutoresetMode.SameStep);
    }

    /// <summary>Trains <paramref name="agent"/> (one env per id); returns per task the env steps until its last 10 training returns averaged the threshold.</summary>
    private static long?[] Train(IAgent agent, TaskFamily family, IReadOnlyList<string> ids, long stepsPerTask, int seed)
    {
        using var envs = MakeEnvs(family, ids);
        using var loop = new TrainingLoop(envs, agent);
        var recent = ids.Select(_ => new Queue<double>()).ToArray();
        var reached = new long?[ids.Count];
        using var subscription = loop.Episodes.Subscribe(episode =>
        {
            var window = recent[episode.Env];
            window.Enqueue(episode.Return);
            if (window.Count > Window) window.Dequeue();
            if (reached[episode.Env] is null && window.Count == Window && window.Average() >= family.Threshold)
                reached[episode.Env] = episode.Step / ids.Count;
        });
        loop.Run(TrainingBudget.InSteps(stepsPerTask * ids.Count), seed);
        return reached;
    }

    /// <summary>The mean return of <paramref name="episodes"/> greedy episodes per env, all envs stepped together.</summary>
    private static double[] GreedyReturns(IAgent agent, TaskFamily family, IReadOnlyList<string> ids, int episodes, int seed)
    {
        using var envs = MakeEnvs(family, ids);
        int n = ids.Count;
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
