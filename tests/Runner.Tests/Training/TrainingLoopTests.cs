using System.Reactive.Linq;
using RlFramework.Agents;
using RlFramework.Envs;
using RlFramework.Envs.Vector;
using RlFramework.Runner.Training;

namespace RlFramework.Runner.Tests.Training;

public class TrainingLoopTests
{
    private static IVectorEnv<float, int> CartPoles(int n) => Gym.MakeVec<float, int>("CartPole-v1", n, autoreset: AutoresetMode.SameStep);

    [Fact]
    public void EpisodesArePublishedWithTheirReturnsAndTheLoopStopsAtTheBudget()
    {
        using var envs = CartPoles(2);
        using var agent = new RandomAgent(2, numEnvs: 2, seed: 1);
        using var loop = new TrainingLoop<int>(envs, agent);
        var episodes = new List<EpisodeEvent>();
        long steps = 0;
        bool completed = false;
        using var a = loop.Episodes.Subscribe(episodes.Add);
        using var b = loop.Steps.Subscribe(s => steps = s.Step, () => completed = true);
        var result = loop.Run(TrainingBudget.InSteps(1_000), seed: 3);
        Assert.Equal(1_000, result.Steps);
        Assert.Equal(1_000, steps);
        Assert.True(completed);
        Assert.False(result.Interrupted);
        Assert.Equal(episodes.Count, result.Episodes);
        Assert.All(episodes, e => Assert.Equal(e.Length, e.Return)); // CartPole pays 1 per step
        Assert.Equal(Enumerable.Range(1, episodes.Count).Select(i => (long)i), episodes.Select(e => e.Episode));
    }

    [Fact]
    public void ASubscriberStopsTheRunEarlyWithRxOperators()
    {
        using var envs = CartPoles(1);
        using var agent = new RandomAgent(2, seed: 1);
        using var loop = new TrainingLoop<int>(envs, agent);
        using var stop = loop.Episodes.Skip(4).Take(1).Subscribe(_ => loop.RequestStop());
        var result = loop.Run(TrainingBudget.InSteps(1_000_000), seed: 0);
        Assert.Equal(5, result.Episodes);
        Assert.True(result.Interrupted);
    }

    [Fact]
    public void CancellationEndsTheRunCleanly()
    {
        using var envs = CartPoles(1);
        using var agent = new RandomAgent(2, seed: 1);
        using var loop = new TrainingLoop<int>(envs, agent);
        using var cancellation = new CancellationTokenSource();
        using var cancel = loop.Steps.Where(s => s.Step == 50).Subscribe(_ => cancellation.Cancel());
        var result = loop.Run(TrainingBudget.InSteps(1_000_000), seed: 0, cancellation.Token);
        Assert.Equal(50, result.Steps);
        Assert.True(result.Interrupted);
    }

    [Fact]
    public void TheSameSeedGivesTheSameEpisodes()
    {
        List<double> Returns()
        {
            using var envs = CartPoles(3);
            using var agent = new RandomAgent(2, numEnvs: 3, seed: 8);
            using var loop = new TrainingLoop<int>(envs, agent);
            var returns = new List<double>();
            using var s = loop.Episodes.Subscribe(e => returns.Add(e.Return));
            loop.Run(TrainingBudget.InSteps(3_000), seed: 11);
            return returns;
        }
        Assert.Equal(Returns(), Returns());
    }

    [Fact]
    public void AVectorEnvWithoutFinalObservationsIsRefused()
    {
        using var envs = Gym.MakeVec<float, int>("CartPole-v1", 1);
        using var agent = new RandomAgent(2);
        Assert.Contains("SameStep", Assert.Throws<ArgumentException>(() => new TrainingLoop<int>(envs, agent)).Message);
    }
}
