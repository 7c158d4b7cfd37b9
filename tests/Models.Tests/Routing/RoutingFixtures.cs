using RlFramework.Models.Routing;

namespace RlFramework.Models.Tests.Routing;

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
