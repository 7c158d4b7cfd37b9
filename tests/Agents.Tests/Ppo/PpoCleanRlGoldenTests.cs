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
    private sealed record Fixture(Dictionary<string, float[]> Before, Dictionary<string, float[]> After, float[] Observations, float[] Actions, int Seed,
        int NumEnvs, int NumSteps, int UpdateEpochs, int NumMinibatches, double LearningRate);

    [Fact]
    public void OneIterationUpdatesTheWeightsAsCleanRlsPpoDoes()
    {
        var fixture = CleanRlGolden.Fixture<Fixture>("ppo_cleanrl_update.json");
        var config = new PpoConfig { NumMinibatches = fixture.NumMinibatches, UpdateEpochs = fixture.UpdateEpochs, LearningRate = fixture.LearningRate };
        Assert.Equal((fixture.NumEnvs, fixture.NumSteps), (config.NumEnvs, config.NumSteps));
        using var envs = Gym.MakeVec<float, int>("CartPole-v1", config.NumEnvs, autoreset: AutoresetMode.SameStep);
        using var agent = new PpoAgent(config, 4, 2, config.NumEnvs, fixture.Seed);
        foreach (var (name, weights) in CleanRlGolden.Named(agent.Parameters, "actor")) Assert.Equal(fixture.Before[name], weights);

        var (recordedObservations, actions) = (new List<float>(), new List<int>());
        var (episodesEnded, update) = CleanRlGolden.Rollout(agent, envs, fixture.Seed, config.NumSteps, recordedObservations, actions);

        Assert.NotNull(update);
        Assert.InRange(episodesEnded, 10, 60);
        Assert.Equal(fixture.Actions, actions.Select(a => (float)a));
        for (int i = 0; i < fixture.Observations.Length; i++) Assert.Equal(fixture.Observations[i], recordedObservations[i], 6);
        CleanRlGolden.AssertUpdatedAs(fixture.After, fixture.Before, CleanRlGolden.Named(agent.Parameters, "actor"), 2e-6);
    }
}
