using RlFramework.Envs.Vector;

namespace RlFramework.Envs.Tests.Vector;

/// <summary>The three autoreset modes, step by step, in both vector env kinds.</summary>
public class AutoresetTests
{
    public static TheoryData<VectorMode> Modes => new(VectorMode.Sync, VectorMode.Parallel);

    [Theory, MemberData(nameof(Modes))]
    public void NextStepReturnsTheResetObservationWithZeroRewardOnTheStepAfterTheEnd(VectorMode mode)
    {
        // Sub-env 0 ends after 2 steps, sub-env 1 after 3.
        using var envs = VectorTestSupport.Create(mode, CountdownEnv.Factories(2, 3), AutoresetMode.NextStep, workers: 2);
        var reset = envs.Reset(seed: 7);
        Assert.Equal([0f, 1f], [reset.Observation(0)[0], reset.Observation(0)[1]]);
        Assert.Equal(1, reset.Infos[0].Get<int>("episode"));

        var s1 = envs.Step([1, 2]);
        Assert.Equal([1f, 1f], s1.Observation(0)[..2].ToArray());
        Assert.Equal([11.0, 12.0], s1.Rewards.ToArray());
        Assert.Equal([false, false], s1.Terminated.ToArray());

        var s2 = envs.Step([0, 0]);
        Assert.Equal([2f, 1f], s2.Observation(0)[..2].ToArray()); // the terminal observation itself
        Assert.Equal([20.0, 20.0], s2.Rewards.ToArray());
        Assert.Equal([true, false], s2.Terminated.ToArray());
        Assert.Equal([false, false], s2.Truncated.ToArray());
        Assert.False(s2.HasFinalObservation(0));

        var s3 = envs.Step([2, 1]);
        Assert.Equal([0f, 2f], s3.Observation(0)[..2].ToArray()); // sub-env 0 reset: episode 2, step 0
        Assert.Equal(0.0, s3.Rewards[0]);
        Assert.False(s3.Terminated[0]);
        Assert.False(s3.Truncated[0]);
        Assert.Equal(2, s3.Infos[0].Get<int>("episode"));
        Assert.Equal([3f, 1f], s3.Observation(1)[..2].ToArray());
        Assert.Equal(31.0, s3.Rewards[1]);
        Assert.True(s3.Terminated[1]);

        var s4 = envs.Step([1, 1]);
        Assert.Equal([1f, 2f], s4.Observation(0)[..2].ToArray());
        Assert.Equal(11.0, s4.Rewards[0]);
        Assert.Equal([0f, 2f], s4.Observation(1)[..2].ToArray());
        Assert.Equal(0.0, s4.Rewards[1]);
        Assert.False(s4.Terminated[1]);

        var sub0 = (CountdownEnv)envs.Envs[0];
        Assert.Equal(3, sub0.Steps); // the reset step did not step the env
        Assert.Equal(2, sub0.Resets);
    }

    [Theory, MemberData(nameof(Modes))]
    public void NextStepAlsoResetsAfterTruncation(VectorMode mode)
    {
        using var envs = VectorTestSupport.Create(mode, [() => new CountdownEnv(1, truncate: true), () => new CountdownEnv(5)]);
        envs.Reset(seed: 1);
        var s1 = envs.Step([0, 0]);
        Assert.Equal([false, false], s1.Terminated.ToArray());
        Assert.Equal([true, false], s1.Truncated.ToArray());
        var s2 = envs.Step([0, 0]);
        Assert.Equal([0f, 2f], s2.Observation(0)[..2].ToArray());
        Assert.Equal(0.0, s2.Rewards[0]);
        Assert.False(s2.Truncated[0]);
    }

    [Theory, MemberData(nameof(Modes))]
    public void SameStepResetsWithinTheStepAndExposesTheFinalObservationAndInfo(VectorMode mode)
    {
        using var envs = VectorTestSupport.Create(mode, CountdownEnv.Factories(2, 3), AutoresetMode.SameStep, workers: 2);
        envs.Reset(seed: 3);
        var s1 = envs.Step([1, 1]);
        Assert.False(s1.HasFinalObservation(0));
        Assert.False(s1.Infos[0].ContainsKey("final_obs"));
        Assert.Throws<InvalidOperationException>(() => s1.FinalObservation(0).ToArray());

        var s2 = envs.Step([2, 0]);
        // Sub-env 0 ended: the returned observation is the reset one (episode 2), reward and flag of the ending step.
        Assert.Equal([0f, 2f], s2.Observation(0)[..2].ToArray());
        Assert.Equal(22.0, s2.Rewards[0]);
        Assert.True(s2.Terminated[0]);
        Assert.True(s2.HasFinalObservation(0));
        Assert.Equal([2f, 1f], s2.FinalObservation(0)[..2].ToArray());
        Assert.Equal(2, s2.FinalInfo(0).Get<int>("step"));
        // Gymnasium's form: final_obs and final_info in the info, next to the reset info.
        Assert.Equal(s2.FinalObservation(0).ToArray(), s2.Infos[0].Get<float[]>("final_obs"));
        Assert.Equal(2, s2.Infos[0].Get<Info>("final_info").Get<int>("step"));
        Assert.Equal(2, s2.Infos[0].Get<int>("episode"));
        // Sub-env 1 goes on.
        Assert.False(s2.HasFinalObservation(1));
        Assert.Equal([2f, 1f], s2.Observation(1)[..2].ToArray());

        var s3 = envs.Step([0, 1]);
        Assert.Equal([1f, 2f], s3.Observation(0)[..2].ToArray()); // stepping resumed in the new episode at once
        Assert.Equal(10.0, s3.Rewards[0]);
        Assert.False(s3.HasFinalObservation(0));
        Assert.True(s3.HasFinalObservation(1));
        Assert.Equal([3f, 1f], s3.FinalObservation(1)[..2].ToArray());
        Assert.Equal([0f, 2f], s3.Observation(1)[..2].ToArray());
    }

    [Theory, MemberData(nameof(Modes))]
    public void DisabledRefusesToStepAFinishedEnvUntilTheCallerResetsItWithAMask(VectorMode mode)
    {
        using var envs = VectorTestSupport.Create(mode, CountdownEnv.Factories(1, 3, 3), AutoresetMode.Disabled, workers: 3);
        envs.Reset(seed: 10);
        var s1 = envs.Step([0, 1, 2]);
        Assert.Equal([true, false, false], s1.Terminated.ToArray());
        var before = s1.Observations.ToArray();

        var refused = Assert.Throws<InvalidOperationException>(() => envs.Step([0, 0, 0]));
        Assert.Contains("sub-env 0", refused.Message);
        Assert.Equal(1, ((CountdownEnv)envs.Envs[1]).Steps); // nothing was stepped

        var reset = envs.Reset([true, false, false], seed: 100, options: new Dictionary<string, object?> { ["tag"] = "x" });
        Assert.Equal([0f, 2f], reset.Observation(0)[..2].ToArray());
        Assert.Equal("x", reset.Infos[0].Get<string>("tag"));
        Assert.Empty(reset.Infos[1]);
        Assert.Equal(before.AsSpan(3, 6).ToArray(), reset.Observations[3..].ToArray()); // others untouched
        Assert.Equal(1, ((CountdownEnv)envs.Envs[1]).Resets);
        // Sub-env 0 got seed 100 + 0: its seed tag is the one of a fresh env reset with 100.
        using var single = new CountdownEnv(1);
        Assert.Equal(single.Reset(seed: 100).Observation[2], reset.Observation(0)[2]);

        var s2 = envs.Step([1, 1, 1]);
        Assert.Equal([1f, 2f], s2.Observation(0)[..2].ToArray());
        Assert.Equal([2f, 1f], s2.Observation(1)[..2].ToArray());
    }

    [Theory, MemberData(nameof(Modes))]
    public void DisabledModeNeverResetsOnItsOwn(VectorMode mode)
    {
        using var envs = VectorTestSupport.Create(mode, CountdownEnv.Factories(2, 2), AutoresetMode.Disabled);
        envs.Reset(seed: 0);
        envs.Step([0, 0]);
        var s2 = envs.Step([0, 0]);
        Assert.Equal([true, true], s2.Terminated.ToArray());
        Assert.Equal([2f, 1f], s2.Observation(0)[..2].ToArray());
        Assert.All(envs.Envs, e => Assert.Equal(1, ((CountdownEnv)e).Resets));
        envs.Reset([true, true]);
        var s3 = envs.Step([0, 0]);
        Assert.Equal([false, false], s3.Terminated.ToArray());
    }

    [Fact]
    public void AMaskedResetClearsTheFlagsOfTheResetEnvsInNextStepMode()
    {
        using var envs = new SyncVectorEnv<float, int>(CountdownEnv.Factories(1, 5));
        envs.Reset(seed: 0);
        envs.Step([0, 0]); // sub-env 0 ends; NextStep would reset it on the next step
        envs.Reset([true, false]);
        var s = envs.Step([2, 2]);
        Assert.Equal([1f, 2f], s.Observation(0)[..2].ToArray()); // stepped, not reset again
        Assert.Equal(12.0, s.Rewards[0]);
    }

    [Fact]
    public void CartPoleThroughMakeVecTruncatesAtTheTimeLimitAndResetsOnTheNextStep()
    {
        using var envs = Gym.MakeVec<float, int>("CartPole-v1", 2, maxEpisodeSteps: 3);
        envs.Reset(seed: 5);
        VectorStepResult<float> result = default;
        for (int t = 0; t < 3; t++) result = envs.Step([t % 2, (t + 1) % 2]);
        Assert.Equal([true, true], result.Truncated.ToArray());
        Assert.Equal([false, false], result.Terminated.ToArray());
        var after = envs.Step([0, 0]);
        Assert.Equal([0.0, 0.0], after.Rewards.ToArray());
        Assert.Equal([false, false], after.Truncated.ToArray());
        // Reset observations are in CartPole's reset range.
        foreach (var v in after.Observations) Assert.InRange(v, -0.05f, 0.05f);
    }
}
