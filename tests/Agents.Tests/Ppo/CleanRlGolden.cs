using System.Text.Json;
using RlFramework.Envs.Vector;
using RlFramework.Models.Modules;

namespace RlFramework.Agents.Tests.Ppo;

/// <summary>What the golden tests against CleanRL's PPO updates share: fixtures, parameter names, the weight comparison.</summary>
internal static class CleanRlGolden
{
    private static readonly string[] Layers = ["0.weight", "0.bias", "2.weight", "2.bias", "4.weight", "4.bias"];

    /// <summary>The fixture <paramref name="file"/> of Fixtures/, its snake_case fields into <typeparamref name="T"/>.</summary>
    public static T Fixture<T>(string file) =>
        JsonSerializer.Deserialize<T>(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", file)),
            new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower })!;

    /// <summary>
    /// A PPO agent's parameters (critic, actor, then the Gaussian's log-std if any, as the agents list them) by CleanRL's
    /// state_dict names: <c>critic.*</c>, then <paramref name="actor"/><c>.*</c>, then <c>actor_logstd</c>.
    /// </summary>
    public static Dictionary<string, float[]> Named(IReadOnlyList<Parameter> parameters, string actor) =>
        parameters.Select((p, i) => (i switch
        {
            < 6 => "critic." + Layers[i],
            < 12 => actor + "." + Layers[i - 6],
            _ => "actor_logstd",
        }, p.ToArray())).ToDictionary(t => t.Item1, t => t.Item2);

    /// <summary>
    /// One rollout of <paramref name="steps"/> vector steps from <c>Reset(seed)</c>: the agent acts exploring, each ended
    /// episode's final observation is the step's next observation (as the training loop passes it). Records the
    /// observations acted on and (given a list) the actions taken; returns the episodes ended and the agent's last update.
    /// </summary>
    public static (int EpisodesEnded, LearnerUpdate? Update) Rollout<TAct>(IAgent<TAct> agent, IVectorEnv<float, TAct> envs, int seed, int steps,
        List<float> observationsSeen, List<TAct>? actionsTaken = null)
        where TAct : notnull
    {
        var observations = envs.Reset(seed).Observations.ToArray();
        int size = observations.Length / envs.NumEnvs, ended = 0;
        var (actions, next) = (new TAct[envs.NumEnvs], new float[observations.Length]);
        LearnerUpdate? update = null;
        for (int step = 0; step < steps; step++)
        {
            agent.Act(observations, actions, explore: true);
            observationsSeen.AddRange(observations);
            actionsTaken?.AddRange(actions);
            var result = envs.Step(actions);
            result.Observations.CopyTo(next);
            for (int e = 0; e < envs.NumEnvs; e++)
            {
                if (!result.Done(e)) continue;
                result.FinalObservation(e).CopyTo(next.AsSpan(e * size, size));
                ended++;
            }
            update = agent.Observe(new Transitions<TAct>(observations, actions, result.Rewards, next, result.Terminated, result.Truncated));
            result.Observations.CopyTo(observations);
        }
        return (ended, update);
    }

    /// <summary>Every tensor of <paramref name="ours"/> within <paramref name="tolerance"/> of CleanRL's, and moved from where it started.</summary>
    public static void AssertUpdatedAs(Dictionary<string, float[]> cleanRl, Dictionary<string, float[]> before, Dictionary<string, float[]> ours, double tolerance)
    {
        Assert.Equal(cleanRl.Keys.Order(), ours.Keys.Order());
        foreach (var (name, weights) in ours)
        {
            var expected = cleanRl[name];
            Assert.Equal(expected.Length, weights.Length);
            for (int i = 0; i < weights.Length; i++)
                Assert.True(Math.Abs(expected[i] - weights[i]) <= tolerance, $"{name}[{i}]: ours {weights[i]}, CleanRL's {expected[i]}");
            Assert.NotEqual(before[name], weights); // the update moved every tensor
        }
    }
}
