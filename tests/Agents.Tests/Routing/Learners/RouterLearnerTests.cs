using RlFramework.Agents.Routing.Learners;
using RlFramework.Models;
using RlFramework.Models.Routing;
using static RlFramework.Agents.Tests.Routing.Learners.RoutingFixtures;

namespace RlFramework.Agents.Tests.Routing.Learners;

/// <summary>The router learners' losses and gradients on small cases computed by hand.</summary>
public class RouterLearnerTests
{
    private const float Tolerance = 1e-5f;

    // Depth 2, one task, 2 actions: Q(d0) = [1, 2], Q(d1) = [0.5, -1]; the sample chose 0 then 1; step rewards 0.1, 0.2; r_f = -1.
    private static (TaskDispatchedRouter Router, RouterDecisions[] Decisions) TwoStepRoute()
    {
        var router = Table(2, 1, 2, 1, [1f, 2f], [0.5f, -1f]);
        return (router, [Decide(router, 0, [0], [0], [0]), Decide(router, 1, [0], [0], [1])]);
    }

    [Fact]
    public void QLearningBootstrapsFromTheNextDepthAndEndsOnTheFinalReward()
    {
        var (router, decisions) = TwoStepRoute();
        var loss = new ValueRouterLearner(0).Loss(decisions, [[0.1f], [0.2f]], [-1f], [1f], 1);
        // targets: 0.1 + max(0.5, -1) = 0.6 and 0.2 + (-1) = -0.8; errors 0.4 and -0.2.
        Assert.Equal(0.16 + 0.04, loss.item<float>(), Tolerance);
        var grad = TableGradient(router, loss);
        Assert.Equal([0.8f, 0f, 0f, -0.4f], grad, (a, b) => Math.Abs(a - b) < Tolerance);
    }

    [Fact]
    public void AdvantageLearningSubtractsBetaTimesTheActionGap()
    {
        var (_, decisions) = TwoStepRoute();
        var loss = new ValueRouterLearner(0.5).Loss(decisions, [[0.1f], [0.2f]], [-1f], [1f], 1);
        // d0: target 0.6 - 0.5·(2 - 1) = 0.1, error 0.9; d1: target -0.8 - 0.5·(0.5 - (-1)) = -1.55, error 0.55.
        Assert.Equal(0.81 + 0.3025, loss.item<float>(), Tolerance);
    }

    [Fact]
    public void SampleWeightsAndBatchSizeScaleTheLoss()
    {
        var router = Table(1, 1, 2, 1, [1f, 0f]);
        var decisions = new[] { Decide(router, 0, [0, 1], [0, 0], [0, 0]) };
        var loss = new ValueRouterLearner(0).Loss(decisions, [[0f, 0f]], [0f, 3f], [1f, 0f], 4);
        Assert.Equal(1.0 / 4, loss.item<float>(), Tolerance); // only sample 0 counts: (1 - 0)² / B
    }

    [Fact]
    public void ReinforceUsesTheBatchMeanReturnAsBaseline()
    {
        var router = Table(1, 1, 2, 1, [0f, MathF.Log(3f)]); // π = [0.25, 0.75]
        var decisions = new[] { Decide(router, 0, [0, 1], [0, 0], [1, 0]) };
        var loss = new ReinforceRouterLearner(false).Loss(decisions, [[0f, 0f]], [1f, -1f], [1f, 1f], 2);
        // baseline 0: loss = -(1·ln 0.75 - 1·ln 0.25) / 2; gradient on the logits = Σ coef·(π - onehot(a)) / 2 = [0.5, -0.5].
        Assert.Equal(-(Math.Log(0.75) - Math.Log(0.25)) / 2, loss.item<float>(), Tolerance);
        Assert.Equal([0.5f, -0.5f], TableGradient(router, loss), (a, b) => Math.Abs(a - b) < Tolerance);
    }

    [Fact]
    public void EpsilonGreedyReinforceWeightsByTheImportanceRatio()
    {
        var router = Table(1, 1, 2, 1, [0f, MathF.Log(3f)]);
        // ε = 0.2: the explored action 0 had μ = 0.1, the greedy action 1 had μ = 0.9.
        var decisions = new[] { Decide(router, 0, [0, 1], [0, 0], [0, 1], [0.1f, 0.9f]) };
        var loss = new ReinforceRouterLearner(true).Loss(decisions, [[0f, 0f]], [1f, 0f], [1f, 1f], 2);
        double c0 = 0.25 / 0.1 * 0.5, c1 = 0.75 / 0.9 * -0.5; // ρ·(G - b), b = 0.5
        Assert.Equal(-(c0 * Math.Log(0.25) + c1 * Math.Log(0.75)) / 2, loss.item<float>(), 1e-4);
    }

    [Fact]
    public void ReinforceReturnsSumTheRemainingStepRewards()
    {
        var router = Table(2, 1, 2, 1, [0f, 0f], [0f, 0f]);
        var decisions = new[] { Decide(router, 0, [0, 1], [0, 0], [0, 1]), Decide(router, 1, [0, 1], [0, 0], [1, 1]) };
        var loss = new ReinforceRouterLearner(false).Loss(decisions, [[0.5f, 0f], [0.25f, 0f]], [1f, 0f], [1f, 1f], 2);
        // G(d0) = [1.75, 0], baseline 0.875; G(d1) = [1.25, 0], baseline 0.625; π uniform so log π = ln 0.5 everywhere.
        double expected = -Math.Log(0.5) * ((1.75 - 0.875) + (0 - 0.875) + (1.25 - 0.625) + (0 - 0.625)) / 2;
        Assert.Equal(expected, loss.item<float>(), Tolerance);
        var grad = TableGradient(router, loss);
        // d0 row: 0.875·(π - e0) - 0.875·(π - e1) = [-0.875, 0.875] / 2.
        Assert.Equal(-0.4375f, grad[0], Tolerance);
        Assert.Equal(0.4375f, grad[1], Tolerance);
    }

    [Fact]
    public void WplMovesThePolicyTowardsBetterThanAverageActions()
    {
        // π = [0.5, 0.5], Q = [1, 0]: V̄ = 0.5, Δπ = [0.5·0.5, -0.5·0.5] = [0.25, -0.25].
        var router = Table(1, 1, 2, 2, [0.5f, 0.5f, 1f, 0f]);
        var decisions = new[] { Decide(router, 0, [0], [0], [0]) };
        var loss = new WplRouterLearner().Loss(decisions, [[0f]], [2f], [1f], 1);
        var grad = TableGradient(router, loss);
        // policy columns: gradient -Δπ; Q column of the chosen action: 2·(1 - 2) = -2.
        Assert.Equal([-0.25f, 0.25f, -2f, 0f], grad, (a, b) => Math.Abs(a - b) < Tolerance);
        var delta = new float[2];
        WplRouterLearner.PolicyChange([0.2f, 0.8f, 0f, 1f], delta); // V̄ = 0.8: Δπ = [-0.8·0.2, 0.2·0.2]
        Assert.Equal([-0.16f, 0.04f], delta, (a, b) => Math.Abs(a - b) < Tolerance);
    }

    [Fact]
    public void WplProjectsItsTableBackOntoTheSimplex()
    {
        var router = Table(1, 2, 2, 2, [1.2f, -0.1f, 5f, 6f], [0.6f, 0.6f, 0f, 0f]);
        new WplRouterLearner().AfterStep(router);
        Assert.Equal([1f, 0f, 5f, 6f, 0.5f, 0.5f, 0f, 0f], router.Table.data<float>().ToArray(), (a, b) => Math.Abs(a - b) < Tolerance);
        Assert.Throws<ArgumentException>(() => new WplRouterLearner().AfterStep(new ActivationSubrouters(1, 2, 2, false, 2, 0, new Generator(1))));
    }

    [Fact]
    public void EpsilonGreedySelectionReportsItsBehaviourProbability()
    {
        var random = new Generator(3);
        float[] row = [0f, 2f, 1f];
        int explored = 0;
        for (int i = 0; i < 2000; i++)
        {
            int a = new ValueRouterLearner(0).Select(row, 3, 0.3, random, out bool exploratory, out float behaviour);
            Assert.Equal(a == 1 ? 0.7f + 0.1f : 0.1f, behaviour, Tolerance);
            Assert.Equal(a != 1, exploratory);
            if (exploratory) explored++;
        }
        Assert.InRange(explored / 2000.0, 0.15, 0.25); // ε·(2/3) = 0.2
        Assert.Equal(1, new ValueRouterLearner(0).Select(row, 3, 0.3, null, out bool greedyExploratory, out _));
        Assert.False(greedyExploratory);
    }

    [Fact]
    public void ReinforceSamplesFromTheSoftmax()
    {
        var random = new Generator(5);
        float[] logits = [0f, MathF.Log(3f)];
        int ones = 0;
        for (int i = 0; i < 4000; i++)
        {
            int a = new ReinforceRouterLearner(false).Select(logits, 2, 0, random, out _, out float behaviour);
            Assert.Equal(a == 1 ? 0.75f : 0.25f, behaviour, Tolerance);
            ones += a;
        }
        Assert.InRange(ones / 4000.0, 0.72, 0.78);
    }
}
