using RlFramework.Agents.Dqn;
using RlFramework.Agents.Drqn;

namespace RlFramework.Agents.Tests;

/// <summary>Greedy policies act at any batch width and leave the training agent's state alone.</summary>
public sealed class PolicyTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "policy-tests-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    private static float[] Observations(int rows, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, rows * 4).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
    }

    [Fact]
    public void ADqnPolicyOfAnyWidthActsAsTheAgentActsGreedily()
    {
        using var agent = new DqnAgent(new DqnConfig { HiddenSizes = [16] }, 4, 3, numEnvs: 2, seed: 5);
        var observations = Observations(2, 1);
        var agentActions = new int[2];
        agent.Act(observations, agentActions, explore: false);
        var policy = agent.CreatePolicy(1);
        var one = new int[1];
        for (int row = 0; row < 2; row++)
        {
            policy.Act(observations.AsSpan(row * 4, 4), one);
            Assert.Equal(agentActions[row], one[0]);
        }
        var wide = agent.CreatePolicy(5);
        var many = new int[5];
        wide.Act(Observations(5, 2), many);
        Assert.All(many, a => Assert.InRange(a, 0, 2));
        Assert.Contains("acts for 1 envs of 4 values; got 2 action slots", Assert.Throws<ArgumentException>(() => policy.Act(observations, agentActions)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => agent.CreatePolicy(0));
    }

    [Fact]
    public void ADrqnPolicyKeepsItsOwnRecurrentState()
    {
        // Two agents step the same observations; between two steps one of them is evaluated through a policy. Their
        // saved states (weights, replay, hidden states, random state) must stay byte for byte equal.
        byte[] Run(bool evaluateInBetween)
        {
            using var agent = new DrqnAgent(new DrqnConfig(), 4, 2, numEnvs: 2, seed: 3);
            var actions = new int[2];
            agent.Act(Observations(2, 7), actions, explore: true);
            if (evaluateInBetween)
            {
                var policy = agent.CreatePolicy(1);
                var one = new int[1];
                policy.StartEpisode(0);
                for (int step = 0; step < 5; step++) policy.Act(Observations(1, 100 + step), one);
            }
            agent.Act(Observations(2, 8), actions, explore: true);
            string folder = Path.Combine(_folder, evaluateInBetween ? "evaluated" : "plain");
            agent.Save(folder);
            return Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal).SelectMany(File.ReadAllBytes).ToArray();
        }
        Assert.Equal(Run(evaluateInBetween: false), Run(evaluateInBetween: true));
    }

    [Fact]
    public void TheRandomAgentsPolicyLeavesItsStreamAlone()
    {
        int[] Act(RandomAgent agent)
        {
            var actions = new int[3];
            agent.Act(new float[12], actions, explore: true);
            return actions;
        }
        using var plain = new RandomAgent(4, 3, seed: 9);
        using var evaluated = new RandomAgent(4, 3, seed: 9);
        var one = new int[1];
        evaluated.CreatePolicy(1).Act(new float[4], one);
        Assert.Equal(Act(plain), Act(evaluated));
    }

    [Fact]
    public void TheRandomAgentResumesItsStepsAndStream()
    {
        using var agent = new RandomAgent(4, 2, seed: 9);
        var actions = new int[2];
        agent.Act(new float[8], actions, explore: true);
        agent.Observe(new Transitions<int>(new float[8], actions, [0, 0], new float[8], [false, false], [false, false]));
        agent.Save(_folder);
        using var resumed = new RandomAgent(4, 2, seed: 9);
        resumed.Load(_folder);
        Assert.Equal(2, resumed.Steps);
        var expected = new int[2];
        agent.Act(new float[8], expected, explore: true);
        resumed.Act(new float[8], actions, explore: true);
        Assert.Equal(expected, actions);
    }
}
