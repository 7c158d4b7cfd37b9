using RlFramework.Envs.Classic;

namespace RlFramework.Envs.Tests.Classic;

public class CartPoleTests
{
    [Fact]
    public void InvalidActionNamesTheEnvTheActionAndTheSpace()
    {
        using var env = Gym.Make<float[], int>("CartPole-v1");
        env.Reset(seed: 0);
        var error = Assert.Throws<ArgumentException>(() => env.Step(2));
        Assert.Contains("CartPole-v1", error.Message);
        Assert.Contains("action 2", error.Message);
        Assert.Contains("Discrete(2)", error.Message);
        Assert.Throws<ArgumentException>(() => env.StepBoxed(1.0));
    }

    [Fact]
    public void ResetBoundsComeFromOptionsAndLowAboveHighIsAnError()
    {
        using var env = new CartPoleEnv();
        var observation = env.Reset(seed: 3, new Dictionary<string, object?> { ["low"] = 0.2, ["high"] = 0.3 }).Observation;
        Assert.All(observation, v => Assert.InRange(v, 0.2f, 0.3f));
        var error = Assert.Throws<ArgumentException>(() => env.Reset(options: new Dictionary<string, object?> { ["low"] = 0.5, ["high"] = 0.1 }));
        Assert.Contains("low (0.5)", error.Message);
        Assert.Contains("high (0.1)", error.Message);
    }

    [Fact]
    public void SameSeedSameObservationAndNullSeedContinuesTheStream()
    {
        using var env = new CartPoleEnv();
        var first = (float[])env.Reset(seed: 9).Observation.Clone();
        var next = (float[])env.Reset().Observation.Clone();
        Assert.Equal(first, env.Reset(seed: 9).Observation);
        Assert.Equal(next, env.Reset().Observation);
        Assert.NotEqual(first, next);
    }

    [Fact]
    public void SteppingAfterTerminationWarnsOnceAndPaysZero()
    {
        var warnings = new List<string>();
        void Collect(string message) => warnings.Add(message);
        EnvLog.Warned += Collect;
        try
        {
            using var env = new CartPoleEnv();
            env.Reset(seed: 0);
            env.State = [2.39, 1.0, 0, 0];
            var last = env.Step(1);
            Assert.True(last.Terminated);
            Assert.Equal(1.0, last.Reward);
            for (int i = 0; i < 3; i++)
            {
                var beyond = env.Step(1);
                Assert.True(beyond.Terminated);
                Assert.Equal(0.0, beyond.Reward);
            }
            Assert.Single(warnings, w => w.Contains("after the episode terminated"));
        }
        finally
        {
            EnvLog.Warned -= Collect;
        }
    }

    [Fact]
    public void SuttonBartoRewardPaysZeroThenMinusOne()
    {
        using var env = new CartPoleEnv(new CartPolePhysics { SuttonBartoReward = true });
        env.Reset(seed: 0);
        Assert.Equal(0.0, env.Step(0).Reward);
        env.State = [2.39, 1.0, 0, 0];
        Assert.Equal(-1.0, env.Step(1).Reward);
    }

    [Fact]
    public void SemiImplicitIntegratorUpdatesVelocityFirst()
    {
        using var euler = new CartPoleEnv();
        using var semi = new CartPoleEnv(new CartPolePhysics { KinematicsIntegrator = "semi-implicit" });
        euler.Reset(seed: 0);
        semi.Reset(seed: 0);
        euler.State = semi.State = [0, 0, 0, 0];
        euler.Step(1);
        semi.Step(1);
        Assert.Equal(0.0, euler.State[0]);
        Assert.Equal(semi.State[1] * 0.02, semi.State[0], 15);
        Assert.Equal(euler.State[1], semi.State[1]);
        Assert.Throws<ArgumentException>(() => new CartPoleEnv(new CartPolePhysics { KinematicsIntegrator = "rk4" }));
    }

    [Fact]
    public void VersionsHaveGymnasiumsLimitsAndThresholds()
    {
        Assert.Equal((200, 195.0), (Gym.Spec("CartPole-v0").MaxEpisodeSteps, Gym.Spec("CartPole-v0").RewardThreshold));
        Assert.Equal((500, 475.0), (Gym.Spec("CartPole-v1").MaxEpisodeSteps, Gym.Spec("CartPole-v1").RewardThreshold));
        using var env = Gym.Make<float[], int>("CartPole-v0");
        env.Reset(seed: 0);
        env.ActionSpace.Seed(0);
        int steps = 0;
        StepResult<float[]> result;
        do
        {
            var state = ((CartPoleEnv)env.Unwrapped).State;
            result = env.Step(state[2] + 0.5 * state[3] > 0 ? 1 : 0); // a balancing controller reaches the limit
            steps++;
        } while (!result.Done);
        Assert.Equal(200, steps);
        Assert.True(result.Truncated);
    }
}
