using RlFramework.Agents.Ppo;
using RlFramework.Envs;
using RlFramework.Envs.Spaces;
using RlFramework.Envs.Vector;

namespace RlFramework.Agents.Tests.Ppo;

/// <summary>
/// One iteration of continuous PPO against CleanRL's ppo_continuous_action.py, normalisation included: our agent's
/// first rollout on Pendulum-v1 (2,048 steps, seed 11, ten episodes truncated inside it) went, action by action, through
/// CleanRL's own env stack on Gymnasium 0.29.1 (ClipAction, NormalizeObservation, the ±10 clip, NormalizeReward, the
/// reward clip) and its update loop in PyTorch 1.13 (Fixtures/ppo_cleanrl_continuous_update.json, written by
/// benchmarks/peers/cleanrl-ppo/ppo_continuous_update_golden.py). The observations and rewards our learner stores are
/// those CleanRL's wrappers give, and the weights after the update are CleanRL's. CleanRL treats truncation as
/// termination, so the agent runs with <c>bootstrap_truncation: false</c>; one minibatch per epoch keeps the
/// minibatch order (our generator, not NumPy's) out; learning rate 3e-3 and 10 epochs so both clippings act (up to 8 %
/// of the ratios and 36–98 % of the values clipped in epochs 2–10). Observations and rewards agree to 2.4e-7, the critic's
/// weights to 2e-7, the actor's to 5.4e-6 (Adam magnifies float rounding in its smallest gradients); the tolerance, 2e-5,
/// is far below what ent_coef 0.001 (1.5e-3), clip_coef 0.19 (4.7e-3), vf_coef 0.55 (3.3e-3) or max_grad_norm 0.55
/// (6.3e-3) does to the weights, and the observations' tolerance below what leaving the final observations out of the
/// normalisation statistics does.
/// </summary>
public sealed class PpoCleanRlContinuousGoldenTests
{
    private sealed record Fixture(Dictionary<string, float[]> Before, Dictionary<string, float[]> After, float[] Observations, float[] Rewards,
        float[] Actions, string EnvId, int Seed, int NumSteps, int UpdateEpochs, double LearningRate);

    [Fact]
    public void OneIterationOnPendulumStoresAndUpdatesAsCleanRlsContinuousPpoDoes()
    {
        var fixture = CleanRlGolden.Fixture<Fixture>("ppo_cleanrl_continuous_update.json");
        var config = PpoConfig.Continuous with
        {
            NumSteps = fixture.NumSteps,
            NumMinibatches = 1,
            UpdateEpochs = fixture.UpdateEpochs,
            LearningRate = fixture.LearningRate,
            BootstrapTruncation = false,
        };
        using var envs = Gym.MakeVec<float, float[]>(fixture.EnvId, config.NumEnvs, autoreset: AutoresetMode.SameStep);
        using var agent = new ContinuousPpoAgent(config, 3, (Box<float>)envs.SingleActionSpace, config.NumEnvs, fixture.Seed);
        foreach (var (name, weights) in CleanRlGolden.Named(agent.Parameters, "actor_mean")) Assert.Equal(fixture.Before[name], weights);

        var (episodesEnded, update) = CleanRlGolden.Rollout(agent, envs, fixture.Seed, config.NumSteps, []);

        Assert.NotNull(update);
        Assert.Equal(config.NumSteps / 200, episodesEnded);
        var rollout = agent.Learner.StateGroups().Single(g => g.Prefix == "rollout.").Tensors;
        Assert.Equal(fixture.Actions, rollout["actions"].data<float>().ToArray());
        AssertClose(fixture.Observations, rollout["observations"].data<float>(), 1e-6, "normalised observation");
        AssertClose(fixture.Rewards, rollout["rewards"].data<float>(), 1e-6, "normalised reward");
        CleanRlGolden.AssertUpdatedAs(fixture.After, fixture.Before, CleanRlGolden.Named(agent.Parameters, "actor_mean"), 2e-5);
    }

    private static void AssertClose(float[] expected, ReadOnlySpan<float> actual, double tolerance, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"{what} {i}: ours {actual[i]}, CleanRL's {expected[i]}");
    }
}
