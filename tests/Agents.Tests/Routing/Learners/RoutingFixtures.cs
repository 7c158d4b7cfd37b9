using RlFramework.Agents.Routing.Learners;
using RlFramework.Models;
using RlFramework.Models.Modules;
using RlFramework.Models.Routing;

namespace RlFramework.Agents.Tests.Routing.Learners;

/// <summary>Small routers and decisions built by hand for the routing tests.</summary>
internal static class RoutingFixtures
{
    /// <summary>A task-dispatched table whose rows (row d·tasks + task) are given.</summary>
    public static TaskDispatchedRouter Table(int depth, int tasks, int modules, int heads, params float[][] rows)
    {
        var router = new TaskDispatchedRouter(depth, tasks, modules, skip: false, heads, new float[heads * modules]);
        for (int r = 0; r < rows.Length; r++) rows[r].CopyTo(router.Table.data<float>().Slice(r * rows[r].Length));
        return router;
    }

    /// <summary>A network of two-wide tanh modules routed by <paramref name="router"/>, without input module or head.</summary>
    public static RoutingNetwork Network(Router router, Generator g)
    {
        var layers = Enumerable.Range(0, router.Depth).Select(_ => new RoutedLayer(Enumerable.Range(0, router.Modules)
            .Select(_ => (Module<Tensor, Tensor>)torch.nn.Sequential(torch.nn.Linear(2, 2, generator: g), torch.nn.Tanh())).ToArray())).ToArray();
        return new RoutingNetwork(null, layers, torch.nn.Identity(), router);
    }

    /// <summary>The decisions at <paramref name="depth"/> of samples with the given tasks and chosen actions.</summary>
    public static RouterDecisions Decide(Router router, int depth, int[] rows, int[] tasks, int[] actions, float[]? behaviour = null) =>
        new(depth, rows, router.Outputs(torch.zeros(rows.Length, 1), tasks, depth), actions, behaviour ?? actions.Select(_ => 1f).ToArray(), actions.Select(_ => false).ToArray());

    /// <summary>The gradient of the router's table after <paramref name="loss"/>.backward().</summary>
    public static float[] TableGradient(TaskDispatchedRouter router, Tensor loss)
    {
        router.zero_grad();
        loss.backward();
        return router.Table.grad!.data<float>().ToArray();
    }
}
