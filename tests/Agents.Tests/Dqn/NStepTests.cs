using RlFramework.Agents.Dqn;

namespace RlFramework.Agents.Tests.Dqn;

public class NStepTests
{
    [Fact]
    public void StoredTransitionsCarryTheDiscountedReturnAndTheirHorizon()
    {
        var config = new DqnConfig { NSteps = 3, Gamma = 0.5, LearningStarts = 1_000, BufferSize = 100, HiddenSizes = [4] };
        using var agent = new DqnAgent(config, 1, 2);
        for (int t = 0; t < 5; t++)
            agent.Observe(new Transitions<int>([t], [t % 2], [t + 1.0], [t + 1f], [false], [t == 4]));
        var replay = agent.Replay;
        Assert.Equal(5, replay.Count);
        // (observation, action, horizon k, return, next observation, truncated): rewards 1..5, gamma 0.5, truncated after step 4.
        (float Obs, int Action, int K, float Return, float Next, bool Truncated)[] expected =
        [
            (0, 0, 3, 1 + 0.5f * 2 + 0.25f * 3, 3, false),
            (1, 1, 3, 2 + 0.5f * 3 + 0.25f * 4, 4, false),
            (2, 0, 3, 3 + 0.5f * 4 + 0.25f * 5, 5, true),
            (3, 1, 2, 4 + 0.5f * 5, 5, true),
            (4, 0, 1, 5, 5, true),
        ];
        for (int slot = 0; slot < 5; slot++)
        {
            var e = expected[slot];
            Assert.Equal(e.Obs, replay.ObservationAt(slot)[0]);
            Assert.Equal([e.Action], replay.ActionAt(slot).ToArray());
            Assert.Equal(e.K, replay.ExtraAt("n_step_horizon", slot));
            Assert.Equal(e.Return, replay.RewardAt(slot));
            Assert.Equal(e.Next, replay.NextObservationAt(slot)[0]);
            Assert.Equal((false, e.Truncated), replay.FlagsAt(slot));
        }
    }

    [Fact]
    public void ATerminationFlushesThePendingStepsWithoutBootstrapping()
    {
        using var agent = new DqnAgent(new DqnConfig { NSteps = 4, Gamma = 1, LearningStarts = 1_000, BufferSize = 100, HiddenSizes = [4] }, 1, 2);
        agent.Observe(new Transitions<int>([0f], [1], [1.0], [1f], [false], [false]));
        agent.Observe(new Transitions<int>([1f], [1], [1.0], [2f], [true], [false]));
        Assert.Equal(2, agent.Replay.Count);
        Assert.Equal((true, false), agent.Replay.FlagsAt(0));
        Assert.Equal(2f, agent.Replay.RewardAt(0));
        Assert.Equal([1], agent.Replay.ActionAt(1).ToArray());
        Assert.Equal(1, agent.Replay.ExtraAt("n_step_horizon", 1));
    }
}
