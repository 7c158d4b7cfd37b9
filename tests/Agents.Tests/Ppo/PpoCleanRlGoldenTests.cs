using System.Text.Json;
using RlFramework.Agents.Ppo;
using RlFramework.Envs;
using RlFramework.Envs.Vector;

namespace RlFramework.Agents.Tests.Ppo;

/// <summary>
/// One PPO iteration against CleanRL's ppo.py: our agent's first rollout on CartPole-v1 (4 envs × 128 steps, seed 7,
/// episodes ending inside it) and the weights after its update, where the expected weights are CleanRL's update loop
/// run in PyTorch 1.13 on the same initial weights and rollout (Fixtures/ppo_cleanrl_update.json, written by
/// benchmarks/peers/cleanrl-ppo/ppo_update_golden.py). One minibatch per epoch, so the minibatch order (our generator,
/// not NumPy's) does not enter; learning rate 0.01 and 10 epochs move the policy and the values far enough that both
/// clippings act (up to 46 % of the ratios and 76–100 % of the values clipped in epochs 2–10). The two sides agree to
/// 3.3e-7; the tolerance, 2e-6, is below what changing ent_coef to 0.011 (3e-5), clip_coef to 0.19 (3e-4),
/// max_grad_norm to 0.55 (1.4e-4) or switching off the value clipping (1.6e-2) does to the weights.
/// </summary>
public sealed class PpoCleanRlGoldenTests
{
    private static readonly string[] Layers = ["0.weight", "0.bias", "2.weight", "2.bias", "4.weight", "4.bias"];

    private sealed record Fixture(Dictionary<string, float[]> Before, Dictionary<string, float[]> After, float[] Observations, float[] Actions, int Seed,
        int NumEnvs, int NumSteps, int UpdateEpochs, int NumMinibatches, double LearningRate);

    /// <summary>The agent's parameters by state_dict name (critic then actor, as <see cref="PpoAgent.Parameters"/> lists them).</summary>
    private static Dictionary<string, float[]> Named(PpoAgent agent) =>
        agent.Parameters.Select((p, i) => ((i < Layers.Length ? "critic." : "actor.") + Layers[i % Layers.Length], p.ToArray()))
            .ToDictionary(t => t.Item1, t => t.Item2);

    [Fact]
    public void OneIterationUpdatesTheWeightsAsCleanRlsPpoDoes()
    {
        var fixture = JsonSerializer.Deserialize<Fixture>(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "ppo_cleanrl_update.json")),
            new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower })!;
        var config = new PpoConfig { NumMinibatches = fixture.NumMinibatches, UpdateEpochs = fixture.UpdateEpochs, LearningRate = fixture.LearningRate };
        Assert.Equal((fixture.NumEnvs, fixture.NumSteps), (config.NumEnvs, config.NumSteps));
        using var envs = Gym.MakeVec<float, int>("CartPole-v1", config.NumEnvs, autoreset: AutoresetMode.SameStep);
        using var agent = new PpoAgent(config, 4, 2, config.NumEnvs, fixture.Seed);
        foreach (var (name, weights) in Named(agent)) Assert.Equal(fixture.Before[name], weights);

        var observations = envs.Reset(fixture.Seed).Observations.ToArray();
        var (actions, next) = (new int[config.NumEnvs], new float[observations.Length]);
        var (recordedObservations, recordedActions) = (new List<float>(), new List<float>());
        LearnerUpdate? update = null;
        int episodesEnded = 0;
        for (int step = 0; step < config.NumSteps; step++)
        {
            agent.Act(observations, actions, explore: true);
            recordedObservations.AddRange(observations);
            recordedActions.AddRange(actions.Select(a => (float)a));
            var result = envs.Step(actions);
            result.Observations.CopyTo(next);
            for (int e = 0; e < config.NumEnvs; e++)
            {
                if (!result.Done(e)) continue;
                result.FinalObservation(e).CopyTo(next.AsSpan(e * 4, 4));
                episodesEnded++;
            }
            update = agent.Observe(new Transitions<int>(observations, actions, result.Rewards, next, result.Terminated, result.Truncated));
            result.Observations.CopyTo(observations);
        }

        Assert.NotNull(update);
        Assert.InRange(episodesEnded, 10, 60);
        Assert.Equal(fixture.Actions, recordedActions);
        for (int i = 0; i < fixture.Observations.Length; i++) Assert.Equal(fixture.Observations[i], recordedObservations[i], 6);
        foreach (var (name, weights) in Named(agent))
        {
            var expected = fixture.After[name];
            Assert.Equal(expected.Length, weights.Length);
            for (int i = 0; i < weights.Length; i++)
                Assert.True(Math.Abs(expected[i] - weights[i]) <= 2e-6, $"{name}[{i}]: ours {weights[i]}, CleanRL's {expected[i]}");
            Assert.NotEqual(fixture.Before[name], weights); // the update moved every tensor
        }
    }
}
