namespace RlFramework.Agents.Tests.Examples;

/// <summary>docs/adding-an-agent.md's example agent: the doc shows these files verbatim, and the agent learns.</summary>
public class AgentExampleTests
{
    private const int Length = 5; // a chain of states 0..5; the goal is state 5

    [Theory]
    [InlineData("LinearQAgent.cs")]
    [InlineData("LinearQConfig.cs")]
    public void TheDocShowsTheExampleFilesVerbatim(string file)
    {
        string root = RepositoryRoot();
        string code = File.ReadAllText(Path.Combine(root, "tests", "Agents.Tests", "Examples", file)).Trim();
        string doc = File.ReadAllText(Path.Combine(root, "docs", "adding-an-agent.md"));
        Assert.Contains("```csharp\n" + code + "\n```", doc);
    }

    [Fact]
    public void AnUnknownOrOutOfRangeConfigFieldIsAnErrorNamingIt()
    {
        Assert.Contains("learning_rte", Assert.Throws<ArgumentException>(() => LinearQConfig.FromJson("""{ "learning_rte": 0.5 }""")).Message);
        Assert.Contains("gamma", Assert.Throws<ArgumentException>(() => LinearQConfig.FromJson("""{ "gamma": 1.5 }""")).Message);
        Assert.Equal(0.5, LinearQConfig.FromJson("""{ "learning_rate": 0.5 }""").LearningRate);
    }

    [Fact]
    public void ItLearnsToWalkRightAlongAChainAndResumesExactlyFromASave()
    {
        using var agent = new LinearQAgent(new LinearQConfig(), Length + 1, actionCount: 2, seed: 3);
        Train(agent, steps: 2_000);
        var policy = agent.CreatePolicy(1);
        int[] action = new int[1];
        for (int s = 0; s < Length; s++)
        {
            policy.Act(OneHot(s), action);
            Assert.True(action[0] == 1, $"state {s}: the greedy action is {action[0]}, expected 1 (right)");
        }

        string folder = Path.Combine(Path.GetTempPath(), "linear-q-" + Guid.NewGuid().ToString("N"));
        try
        {
            agent.Save(folder);
            using var resumed = new LinearQAgent(new LinearQConfig(), Length + 1, actionCount: 2, seed: 99);
            resumed.Load(folder);
            Assert.Equal(Train(agent, steps: 300), Train(resumed, steps: 300));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Runs the agent on the chain (start in state 0, reward 1 at the goal, -0.01 a step); returns its actions.</summary>
    private static List<int> Train(LinearQAgent agent, int steps)
    {
        var taken = new List<int>();
        int position = 0;
        int[] action = new int[1];
        for (int t = 0; t < steps; t++)
        {
            float[] observation = OneHot(position);
            agent.Act(observation, action, explore: true);
            int next = Math.Clamp(position + (action[0] == 1 ? 1 : -1), 0, Length);
            bool done = next == Length;
            agent.Observe(new Transitions<int>(observation, action, [done ? 1.0 : -0.01], OneHot(next), [done], [false]));
            taken.Add(action[0]);
            position = done ? 0 : next;
            if (done) agent.StartEpisode(0);
        }
        return taken;
    }

    private static float[] OneHot(int position)
    {
        var observation = new float[Length + 1];
        observation[position] = 1;
        return observation;
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "RlFramework.sln"))) folder = folder.Parent;
        return folder?.FullName ?? throw new DirectoryNotFoundException($"No RlFramework.sln above {AppContext.BaseDirectory}.");
    }
}
