using RlFramework.Agents.Routing.Learners;
using RlFramework.Models.Routing;

namespace RlFramework.Agents.Tests.Routing.Learners;

public class CollaborationRewardTests
{
    [Fact]
    public void RewardIsAlphaOverLengthTimesTheActionsShareOfTheWindow()
    {
        var reward = new CollaborationReward(depth: 2, actions: 3, window: 4, alpha: -0.5);
        Assert.Equal(0f, reward.Reward(0, 0, 1)); // empty window
        foreach (int a in new[] { 0, 0, 1 }) reward.Record(0, a);
        Assert.Equal(2.0 / 3, reward.Share(0, 0), 1e-12);
        Assert.Equal((float)(-0.5 / 2 * (2.0 / 3)), reward.Reward(0, 0, 2));
        Assert.Equal(0.0, reward.Share(1, 0)); // depths have their own windows
        foreach (int a in new[] { 1, 1 }) reward.Record(0, a); // the oldest 0 drops out: window [0, 1, 1, 1]
        Assert.Equal(0.25, reward.Share(0, 0), 1e-12);
        Assert.Equal(0.75, reward.Share(0, 1), 1e-12);
        Assert.Equal((float)(-0.5 / 3 * 0.75), reward.Reward(0, 1, 3));
    }

    [Fact]
    public void BatchRewardsUseTheWindowBeforeTheBatchThenRecordIt()
    {
        var router = RoutingFixtures.Table(2, 1, 2, 1, [0f, 0f], [0f, 0f]);
        var reward = new CollaborationReward(2, 2, 8, alpha: 1);
        reward.Record(0, 1);
        reward.Record(1, 0);
        var decisions = new[] { RoutingFixtures.Decide(router, 0, [0, 1], [0, 0], [1, 0]), RoutingFixtures.Decide(router, 1, [0, 1], [0, 0], [0, 0]) };
        var trajectory = new RoutingTrajectory([0, 0], 2, decisions);
        var rewards = reward.Rewards(decisions, trajectory);
        Assert.Equal([0.5f, 0f], rewards[0]); // t = 2: (1 / 2)·C, C(1) = 1 and C(0) = 0 at depth 0
        Assert.Equal([0.5f, 0.5f], rewards[1]);
        Assert.Equal(2.0 / 3, reward.Share(0, 1), 1e-12); // the batch was recorded: [1, 1, 0]
        Assert.Throws<ArgumentOutOfRangeException>(() => new CollaborationReward(1, 2, 4, alpha: 1.5));
    }

    [Fact]
    public void StateRoundTripsThroughGetAndSet()
    {
        var reward = new CollaborationReward(2, 3, 4, alpha: 0.5);
        foreach (int a in new[] { 0, 2, 2, 1, 2 }) reward.Record(0, a);
        reward.Record(1, 1);
        var copy = new CollaborationReward(2, 3, 4, alpha: 0.5);
        copy.SetState(reward.GetState());
        foreach (int a in new[] { 0, 1 }) { reward.Record(0, a); copy.Record(0, a); }
        for (int d = 0; d < 2; d++)
            for (int a = 0; a < 3; a++) Assert.Equal(reward.Share(d, a), copy.Share(d, a));
        Assert.Equal(reward.GetState(), copy.GetState());
    }
}
