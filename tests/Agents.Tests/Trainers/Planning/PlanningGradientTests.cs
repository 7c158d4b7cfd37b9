using RlFramework.Agents.Trainers.Planning;
using RlFramework.Envs.Seeding;
using RlFramework.Models;

namespace RlFramework.Agents.Tests.Trainers.Planning;

public class PlanningGradientTests
{
    private const int States = 12, Actions = 4, Steps = 5;

    /// <summary>A world model and selector with random logits and rewards (not just the zero start).</summary>
    private static (LinearWorldModel Model, ProgramSelector Selector) RandomModules(int seed)
    {
        var random = RandomGenerator.FromSeed(seed);
        var model = new LinearWorldModel(States, Actions);
        for (int s = 0; s < States; s++)
        {
            for (int a = 0; a < Actions; a++)
            {
                var logits = model.SuccessorWeights(s, a);
                for (int i = 0; i < States; i++) logits[i] = 2 * random.Normal();
                model.Refresh(s, a);
                model.SetReward(s, a, 5 * random.Normal());
            }
        }

        var selector = new ProgramSelector(Steps, Actions);
        for (int i = 0; i < Steps * Actions; i++) selector.Logits[i] = random.Normal();
        selector.Refresh();
        return (model, selector);
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 7)]
    [InlineData(3, 11)]
    public void TheHandWrittenPlannerMatchesModelsAutograd(int seed, int start)
    {
        var (model, selector) = RandomModules(seed);
        var gradient = new double[Steps * Actions];
        double total = new MentalTrial(States, Actions, Steps).Evaluate(model, selector, start, gradient);

        // The same mental trial written with Models' tensors: outer product, linear successor and reward layers.
        var logits = new float[States * Actions * States];
        var rewards = new float[States * Actions];
        for (int s = 0; s < States; s++)
        {
            for (int a = 0; a < Actions; a++)
            {
                for (int i = 0; i < States; i++) logits[(s * Actions + a) * States + i] = (float)model.SuccessorWeights(s, a)[i];
                rewards[s * Actions + a] = (float)model.Reward(s, a);
            }
        }

        var theta = torch.tensor([.. selector.Logits.ToArray().Select(v => (float)v)], [Steps, Actions], requires_grad: true);
        var successors = torch.tensor(logits, [States * Actions, States]).softmax(1);
        var reward = torch.tensor(rewards, [States * Actions, 1]);
        var start0 = new float[States];
        start0[start] = 1;
        var d = torch.tensor(start0, [1, States]);
        Tensor? j = null;
        for (int t = 0; t < Steps; t++)
        {
            var policy = theta.select(0, t).softmax(0).reshape(1, Actions);
            var joint = d.reshape(States, 1).matmul(policy).reshape(1, States * Actions);
            var expected = joint.matmul(reward);
            j = j is null ? expected : j + expected;
            d = joint.matmul(successors);
        }
        j!.sum().backward();
        Assert.Equal(total, j.data<float>()[0], 3);
        var reference = theta.grad!.data<float>().ToArray();
        for (int i = 0; i < gradient.Length; i++)
            Assert.True(Math.Abs(gradient[i] - reference[i]) <= 1e-4 + 1e-4 * Math.Abs(reference[i]), $"dJ/dθ[{i}]: {gradient[i]} vs autograd {reference[i]}");
        Assert.Contains(gradient, g => Math.Abs(g) > 1e-2);
    }

    [Fact]
    public void ThePlannerGradientMatchesFiniteDifferences()
    {
        var (model, selector) = RandomModules(5);
        var trial = new MentalTrial(States, Actions, Steps);
        var gradient = new double[Steps * Actions];
        trial.Evaluate(model, selector, 3, gradient);
        const double H = 1e-6;
        for (int i = 0; i < gradient.Length; i++)
        {
            double saved = selector.Logits[i];
            selector.Logits[i] = saved + H;
            selector.Refresh();
            double up = trial.Evaluate(model, selector, 3, []);
            selector.Logits[i] = saved - H;
            selector.Refresh();
            double down = trial.Evaluate(model, selector, 3, []);
            selector.Logits[i] = saved;
            selector.Refresh();
            Assert.Equal((up - down) / (2 * H), gradient[i], 6);
        }
    }

    [Fact]
    public void TheWorldModelUpdateIsAnSgdStepOnItsLoss()
    {
        var (model, _) = RandomModules(9);
        const int S = 4, A = 2, Next = 7;
        const double Observed = -1, Rate = 0.25;
        const double H = 1e-6;
        var numeric = new double[States];
        for (int i = 0; i < States; i++)
        {
            var logits = model.SuccessorWeights(S, A);
            double saved = logits[i];
            logits[i] = saved + H;
            model.Refresh(S, A);
            double up = model.Loss(S, A, Next, Observed);
            model.SuccessorWeights(S, A)[i] = saved - H;
            model.Refresh(S, A);
            double down = model.Loss(S, A, Next, Observed);
            model.SuccessorWeights(S, A)[i] = saved;
            model.Refresh(S, A);
            numeric[i] = (up - down) / (2 * H);
        }
        double rewardGradient = model.Reward(S, A) - Observed;
        var before = model.SuccessorWeights(S, A).ToArray();
        double rewardBefore = model.Reward(S, A);
        model.Learn(S, A, Next, Observed, Rate, Rate);
        for (int i = 0; i < States; i++) Assert.Equal(before[i] - Rate * numeric[i], model.SuccessorWeights(S, A)[i], 6);
        Assert.Equal(rewardBefore - Rate * rewardGradient, model.Reward(S, A), 12);
        Assert.Equal(1, model.Successors(S, A).ToArray().Sum(), 12);
    }
}
