using RlFramework.Models.Modules;
using RlFramework.Models.Routing;

namespace RlFramework.Models.Tests.Routing;

public class RoutingNetworkTests
{
    [Fact]
    public void GroupedForwardMatchesEachSampleThroughItsOwnModule()
    {
        var g = new Generator(11);
        var modules = new[] { torch.nn.Linear(3, 3, generator: g), torch.nn.Linear(3, 3, generator: g) };
        var layer = new RoutedLayer(modules);
        var data = new float[18];
        g.FillNormal(data, 0, 1);
        int[] actions = [0, 1, 0, 2, 1, -1];
        var x = torch.tensor(data, [6, 3], requires_grad: true);
        var y = layer.Forward(x, actions);
        (y * y).sum().backward();
        var grouped = modules.Select(m => m.weight.grad!.data<float>().ToArray()).ToArray();
        var inputGrad = x.grad!.data<float>().ToArray();
        foreach (var m in modules) m.zero_grad();
        for (int i = 0; i < 6; i++)
        {
            var row = torch.tensor(data.AsSpan(i * 3, 3).ToArray(), [1, 3], requires_grad: true);
            var out1 = actions[i] is 0 or 1 ? modules[actions[i]].forward(row) : row;
            Assert.Equal(out1.data<float>().ToArray(), y.data<float>().Slice(i * 3, 3).ToArray(), (a, b) => Math.Abs(a - b) < 1e-5f);
            (out1 * out1).sum().backward();
            Assert.Equal(row.grad!.data<float>().ToArray(), inputGrad.AsSpan(i * 3, 3).ToArray(), (a, b) => Math.Abs(a - b) < 1e-5f);
        }
        for (int m = 0; m < 2; m++)
            Assert.Equal(modules[m].weight.grad!.data<float>().ToArray(), grouped[m], (a, b) => Math.Abs(a - b) < 1e-5f);
    }

    [Fact]
    public void TaskDispatchedRoutesAreRecordedPerSample()
    {
        // Q rows (depth, task): (0,0) picks module 2, (0,1) module 0, (1,0) module 1, (1,1) module 2.
        var router = Table(2, 2, 3, [0f, 0f, 1f], [1f, 0f, 0f], [0f, 1f, 0f], [0f, 0f, 1f]);
        var network = Network(router, new Generator(2));
        var routed = network.Route(torch.ones(3, 2), [0, 1, 0], new GreedyPolicy());
        var trajectory = routed.Trajectory;
        Assert.Equal([2, 1], trajectory.Route(0));
        Assert.Equal([0, 2], trajectory.Route(1));
        Assert.Equal([2, 1], trajectory.Route(2));
        Assert.All(Enumerable.Range(0, 3), i => Assert.Equal(2, trajectory.Length(i)));
        Assert.Equal(0, trajectory.ExploratoryCount(1));
        Assert.Equal([0, 1, 2], routed.Decisions[1].Rows);
        var expected = network.Layers[1][1].forward(network.Layers[0][2].forward(torch.ones(1, 2)));
        Assert.Equal(expected.data<float>().ToArray(), routed.Output.data<float>().Slice(0, 2).ToArray(), (a, b) => Math.Abs(a - b) < 1e-5f);
    }

    [Fact]
    public void RecursiveRouterTerminatesAndTheRouteStops()
    {
        var g = new Generator(4);
        var router = new RecursiveRouter(depth: 3, width: 2, modules: 2, skip: false, heads: 1, hidden: 0, g);
        var linear = (Linear)((Sequential)router.named_children().Single().module)[0];
        linear.weight.data<float>().Clear();
        linear.bias!.data<float>().Clear();
        linear.weight.data<float>()[1 * 5 + 2] = 3f; // depth 0 → module 1
        linear.weight.data<float>()[2 * 5 + 3] = 5f; // depth 1 → terminate (action 2)
        var network = Network(router, g);
        var routed = network.Route(torch.ones(2, 2), [0, 0], new GreedyPolicy());
        Assert.Equal([1, 2], routed.Trajectory.Route(0));
        Assert.Equal(-1, routed.Trajectory.Action(0, 2));
        Assert.Equal(2, routed.Decisions.Count);
        var expected = network.Layers[0][1].forward(torch.ones(1, 2));
        Assert.Equal(expected.data<float>().ToArray(), routed.Output.data<float>().Slice(0, 2).ToArray(), (a, b) => Math.Abs(a - b) < 1e-5f);
    }

    [Fact]
    public void DiagnosticsCountUsagePerTaskAndFlagCollapse()
    {
        var router = Table(1, 2, 2, [1f, 0f], [1f, 0f]);
        var network = Network(router, new Generator(3));
        var routed = network.Route(torch.ones(4, 2), [0, 1, 1, 1], new GreedyPolicy());
        var layer = RoutingDiagnostics.Compute([routed.Trajectory], 2, 2, 0.9).Single();
        Assert.Equal([1L, 0L], layer.Usage[0]);
        Assert.Equal([3L, 0L], layer.Usage[1]);
        Assert.True(layer.Collapsed);
        Assert.Equal(0.0, layer.Entropy);
        var mixed = Table(1, 2, 2, [1f, 0f], [0f, 1f]);
        var split = RoutingDiagnostics.Compute([Network(mixed, new Generator(3)).Route(torch.ones(2, 2), [0, 1], new GreedyPolicy()).Trajectory], 2, 2, 0.9).Single();
        Assert.Equal(1.0, split.Entropy, 1e-12);
        Assert.False(split.Collapsed);
    }

    private static RoutingNetwork Network(Router router, Generator g)
    {
        var layers = Enumerable.Range(0, router.Depth).Select(_ => new RoutedLayer(Enumerable.Range(0, router.Modules)
            .Select(_ => (Module<Tensor, Tensor>)torch.nn.Sequential(torch.nn.Linear(2, 2, generator: g), torch.nn.Tanh())).ToArray())).ToArray();
        return new RoutingNetwork(null, layers, torch.nn.Identity(), router);
    }

    /// <summary>A one-head task-dispatched table whose rows (row d·tasks + task) are given.</summary>
    private static TaskDispatchedRouter Table(int depth, int tasks, int modules, params float[][] rows)
    {
        var router = new TaskDispatchedRouter(depth, tasks, modules, skip: false, 1, new float[modules]);
        for (int r = 0; r < rows.Length; r++) rows[r].CopyTo(router.Table.data<float>().Slice(r * rows[r].Length));
        return router;
    }

    /// <summary>The greedy choice on the first head, with no exploration: all the network needs from a router learner.</summary>
    private sealed class GreedyPolicy : IRouterPolicy
    {
        public int Heads => 1;

        public int Select(ReadOnlySpan<float> row, int actions, double epsilon, Generator? random, out bool exploratory, out float behaviour)
        {
            (exploratory, behaviour) = (false, 1f);
            int best = 0;
            for (int a = 1; a < actions; a++) if (row[a] > row[best]) best = a;
            return best;
        }
    }
}
