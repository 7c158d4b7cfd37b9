using RlFramework.Agents.Trainers.Planning;
using RlFramework.Envs.RoboRally;
using RlFramework.Envs.Seeding;

namespace RlFramework.Agents.Tests.Trainers.Planning;

public class WorldModelFormTests
{
    private static LinearWorldModel Projected(int states, RandomGenerator? random = null) => new(states, 1, WorldModelForm.SimplexProjection, random);

    [Fact]
    public void TheProjectionFormStartsUniformAndProjectsWrittenWeightsByHand()
    {
        var model = Projected(3);
        Assert.Equal([1 / 3.0, 1 / 3.0, 1 / 3.0], model.Successors(0, 0).ToArray());
        double[] written = [0.6, 0.6, -1]; // threshold τ = 0.1: (0.5, 0.5, 0)
        written.CopyTo(model.SuccessorWeights(0, 0));
        model.Refresh(0, 0);
        var successors = model.Successors(0, 0).ToArray();
        AssertClose([0.5, 0.5, 0], successors);
        Assert.Equal(successors, model.SuccessorWeights(0, 0).ToArray()); // the weights themselves are the distribution
    }

    [Fact]
    public void ALearningStepIsAProjectedSgdStepOnTheSquaredError()
    {
        // From uniform thirds, next = 0: w − η(w − e0). η = 0.5 stays on the simplex: (2/3, 1/6, 1/6).
        var model = Projected(3);
        model.Learn(0, 0, next: 0, reward: 4, successorRate: 0.5, rewardRate: 0.25);
        AssertClose([2 / 3.0, 1 / 6.0, 1 / 6.0], model.Successors(0, 0));
        Assert.Equal(1.0, model.Reward(0, 0), 12);
        // η = 2 leaves the simplex, (5/3, −1/3, −1/3); the projection (τ = 2/3) brings it to the corner (1, 0, 0).
        var far = Projected(3);
        far.Learn(0, 0, next: 0, reward: 0, successorRate: 2, rewardRate: 0.5);
        AssertClose([1.0, 0, 0], far.Successors(0, 0));
        // The loss is ½‖P − e_next‖² + ½ reward error²; for uniform thirds, next 0 and reward error 2: ½(4/9 + 1/9 + 1/9) + ½·4.
        Assert.Equal(0.5 * (4 / 9.0 + 1 / 9.0 + 1 / 9.0) + 0.5 * 4, Projected(3).Loss(0, 0, 0, -2), 12);
    }

    [Theory]
    [InlineData(WorldModelForm.Softmax)]
    [InlineData(WorldModelForm.SimplexProjection)]
    public void RandomInitialisationIsSeededAndKeepsEveryColumnOnTheSimplex(WorldModelForm form)
    {
        var model = new LinearWorldModel(16, 4, form, RandomGenerator.FromSeed(3));
        var again = new LinearWorldModel(16, 4, form, RandomGenerator.FromSeed(3));
        var other = new LinearWorldModel(16, 4, form, RandomGenerator.FromSeed(4));
        for (int s = 0; s < 16; s++)
        {
            for (int a = 0; a < 4; a++)
            {
                var p = model.Successors(s, a);
                Assert.All(p.ToArray(), x => Assert.True(x >= 0));
                Assert.Equal(1.0, p.ToArray().Sum(), 12);
                Assert.True(p.ToArray().Max() > 1 / 16.0 + 1e-6, "a random column is not uniform");
                Assert.Equal(p.ToArray(), again.Successors(s, a).ToArray());
                Assert.Equal(model.Reward(s, a), again.Reward(s, a));
            }
        }

        Assert.NotEqual(model.Successors(0, 0).ToArray(), other.Successors(0, 0).ToArray());
    }

    [Fact]
    public void TheProjectionFormLearnsTheExactMdpFromRandomPrograms()
    {
        var map = RoboRallyMap.Parse("start 0 1 north\n^.G\nL>O\n", "small");
        var mdp = new RoboRallyMdp(map);
        var model = new LinearWorldModel(map.StateCount, RoboRallyMdp.ActionCount, WorldModelForm.SimplexProjection, RandomGenerator.FromSeed(1));
        var random = RandomGenerator.FromSeed(2);
        for (int episode = 0; episode < 3000; episode++)
        {
            int state = mdp.StartState;
            for (int t = 0; t < RoboRallyMdp.ProgramLength; t++)
            {
                int action = (int)random.Integers(RoboRallyMdp.ActionCount);
                model.Learn(state, action, mdp.Next(state, action), mdp.Reward(state, action), 0.3, 0.5);
                state = mdp.Next(state, action);
            }
        }
        Assert.True(model.ErrorTo(mdp) < 0.01, $"final error {model.ErrorTo(mdp)}");
    }

    [Fact]
    public void AModelTooLargeForAnArrayIsRefusedWithItsSize()
    {
        var error = Assert.Throws<ArgumentException>(() => new LinearWorldModel(57_600, 4));
        Assert.Contains("57600 states", error.Message);
        Assert.Contains("13271040000", error.Message);
    }

    private static void AssertClose(double[] expected, ReadOnlySpan<double> actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 12);
    }
}
