using RlFramework.Envs.Classic;
using RlFramework.Envs.Spaces;

namespace RlFramework.Envs.Tests.Classic;

/// <summary>MountainCar, MountainCarContinuous, Acrobot and Pendulum: registry, actions, arguments, options and edge cases of the dynamics.</summary>
public class ClassicControlTests
{
    [Theory]
    [InlineData("MountainCar-v0", 200, -110.0)]
    [InlineData("MountainCarContinuous-v0", 999, 90.0)]
    [InlineData("Acrobot-v1", 500, -100.0)]
    [InlineData("Pendulum-v1", 200, null)]
    public void RegisteredWithGymnasiumsLimitAndThreshold(string id, int steps, double? threshold)
    {
        var spec = Gym.Spec(id);
        Assert.Equal(steps, spec.MaxEpisodeSteps);
        Assert.Equal(threshold, spec.RewardThreshold);
    }

    [Fact]
    public void PendulumIsTruncatedByTheTimeLimitAtStep200()
    {
        using var env = Gym.Make<float[], float[]>("Pendulum-v1");
        env.Reset(seed: 1);
        for (int i = 1; i < 200; i++) Assert.False(env.Step([0f]).Done, $"step {i}");
        var last = env.Step([0f]);
        Assert.True(last.Truncated);
        Assert.False(last.Terminated);
    }

    [Fact]
    public void DiscreteActionsOutsideTheSpaceAreRefusedNamingTheSpace()
    {
        using var car = Gym.Make<float[], int>("MountainCar-v0");
        car.Reset(seed: 0);
        var error = Assert.Throws<ArgumentException>(() => car.Step(3));
        Assert.Contains("MountainCar-v0: action 3", error.Message);
        Assert.Contains("Discrete(3)", error.Message);
        using var acrobot = Gym.Make<float[], int>("Acrobot-v1");
        acrobot.Reset(seed: 0);
        Assert.Contains("Discrete(3)", Assert.Throws<ArgumentException>(() => acrobot.Step(-1)).Message);
    }

    [Theory]
    [InlineData("Pendulum-v1", float.NaN, "Box(-2.0, 2.0, (1,), float32)")]
    [InlineData("Pendulum-v1", float.PositiveInfinity, "Box(-2.0, 2.0, (1,), float32)")]
    [InlineData("MountainCarContinuous-v0", float.NegativeInfinity, "Box(-1.0, 1.0, (1,), float32)")]
    public void NonFiniteContinuousActionsAreRefused(string id, float value, string space)
    {
        using var env = Gym.Make<float[], float[]>(id);
        env.Reset(seed: 0);
        var error = Assert.Throws<ArgumentException>(() => env.Step([value]));
        Assert.Contains($"{id}: action [{value.ToString(System.Globalization.CultureInfo.InvariantCulture)}]", error.Message);
        Assert.Contains(space, error.Message);
        Assert.Contains("finite", error.Message);
        Assert.Throws<ArgumentException>(() => env.Step([0f, 0f]));
        Assert.Throws<ArgumentException>(() => env.Step(null!));
    }

    [Fact]
    public void PendulumClipsTheTorqueAndPaysForTheClippedOne()
    {
        using var a = new PendulumEnv();
        using var b = new PendulumEnv();
        a.Reset(seed: 4);
        b.Reset(seed: 4);
        var beyond = a.Step([7.5f]);
        var atLimit = b.Step([2f]);
        Assert.Equal(atLimit.Observation, beyond.Observation);
        Assert.Equal(atLimit.Reward, beyond.Reward);
        Assert.Equal(2f, a.LastTorque);
    }

    [Fact]
    public void ContinuousMountainCarClipsThePushButPaysForTheActionGiven()
    {
        using var a = new ContinuousMountainCarEnv();
        using var b = new ContinuousMountainCarEnv();
        a.Reset(seed: 4);
        b.Reset(seed: 4);
        var beyond = a.Step([-3f]);
        var atLimit = b.Step([-1f]);
        Assert.Equal(atLimit.Observation, beyond.Observation);
        Assert.Equal(-0.1 * 9, beyond.Reward, 12);
        Assert.Equal(-0.1, atLimit.Reward, 12);
    }

    [Fact]
    public void MountainCarReachesTheGoalAndStopsAtTheLeftWall()
    {
        using var car = new MountainCarEnv();
        car.State = [0.49, 0.02];
        var goal = car.Step(2);
        Assert.True(goal.Terminated);
        Assert.Equal(-1.0, goal.Reward);
        car.State = [-1.19, -0.05];
        car.Step(0);
        Assert.Equal([MountainCarEnv.MinPosition, 0.0], car.State);
        using var picky = new MountainCarEnv(goalVelocity: 0.05);
        picky.State = [0.49, 0.02];
        Assert.False(picky.Step(2).Terminated);
    }

    [Fact]
    public void ContinuousMountainCarPays100AtTheGoalAndKeepsAFloat32State()
    {
        using var car = new ContinuousMountainCarEnv();
        car.State = [0.44, 0.03];
        var goal = car.Step([0.5f]);
        Assert.True(goal.Terminated);
        Assert.Equal(100.0 - 0.5 * 0.5 * 0.1, goal.Reward);
        Assert.All(car.State, v => Assert.Equal(v, (double)(float)v));
        car.State = [-0.6, 0.069]; // the slope adds 0.0025·|cos(−1.8)| on top of the full push
        car.Step([1f]);
        Assert.Equal((float)MountainCarBase<float[]>.MaxSpeed, car.State[1]);
    }

    [Fact]
    public void AcrobotTerminatesWhenTheFreeEndRisesAboveTheBar()
    {
        using var acrobot = new AcrobotEnv();
        acrobot.State = [Math.PI - 0.01, 0, 0, 0]; // both links nearly straight up
        var step = acrobot.Step(1);
        Assert.True(step.Terminated);
        Assert.Equal(0.0, step.Reward);
        acrobot.State = [0, 0, 0, 0];
        var hanging = acrobot.Step(1);
        Assert.False(hanging.Terminated);
        Assert.Equal(-1.0, hanging.Reward);
        Assert.Equal(new float[] { 1, 0, 1, 0, 0, 0 }, hanging.Observation, (a, b) => Math.Abs(a - b) < 1e-12f); // at rest, up to cos(π/2)'s rounding
    }

    [Fact]
    public void AcrobotWrapsAnglesAndBoundsVelocitiesAsGymnasium()
    {
        Assert.Equal(-Math.PI + 0.5, AcrobotEnv.Wrap(Math.PI + 0.5, -Math.PI, Math.PI), 12);
        Assert.Equal(Math.PI - 0.5, AcrobotEnv.Wrap(-Math.PI - 0.5 - 4 * Math.PI, -Math.PI, Math.PI), 12);
        Assert.Equal(Math.PI, AcrobotEnv.Wrap(Math.PI, -Math.PI, Math.PI));
        Assert.Equal(AcrobotEnv.MaxVel1, AcrobotEnv.Bound(50, -AcrobotEnv.MaxVel1, AcrobotEnv.MaxVel1));
        using var acrobot = new AcrobotEnv();
        foreach (double spin in (double[])[-100, -25, 0, 25, 100])
        {
            acrobot.State = [0, 0, spin, -spin];
            acrobot.Step(1);
            var state = acrobot.State;
            Assert.All(state.Take(2), angle => Assert.InRange(angle, -Math.PI, Math.PI));
            Assert.InRange(state[2], -AcrobotEnv.MaxVel1, AcrobotEnv.MaxVel1);
            Assert.InRange(state[3], -AcrobotEnv.MaxVel2, AcrobotEnv.MaxVel2);
        }
        acrobot.State = [0, 0, 100, -100];
        acrobot.Step(1);
        Assert.Equal(AcrobotEnv.MaxVel1, Math.Abs(acrobot.State[2])); // bounded to exactly ±4π
    }

    [Fact]
    public void NipsDynamicsAreChosenByTheBookOrNipsArgument()
    {
        using var book = new AcrobotEnv();
        using var made = Gym.Make("Acrobot-v1", kwargs: new Dictionary<string, object?> { ["book_or_nips"] = "nips" });
        var nips = Assert.IsType<AcrobotEnv>(made.Unwrapped);
        Assert.Equal("nips", nips.BookOrNips);
        book.State = nips.State = [0.3, 0.2, 1.5, 0.5];
        Assert.NotEqual(book.Step(2).Observation, nips.Step(2).Observation);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(3.0)]
    [InlineData(-3.5)]
    [InlineData(100.25)]
    [InlineData(-1e6)]
    public void AngleNormalizeIsTheFlooredModuloIntoMinusPiToPi(double x)
    {
        double normalized = PendulumEnv.AngleNormalize(x);
        Assert.InRange(normalized, -Math.PI, Math.PI);
        double turns = (x - normalized) / (2 * Math.PI);
        Assert.Equal(Math.Round(turns), turns, 6);
    }

    [Fact]
    public void PendulumGravityComesFromTheGArgument()
    {
        using var moon = Gym.Make<float[], float[]>("Pendulum-v1", kwargs: new Dictionary<string, object?> { ["g"] = 1.62 });
        using var earth = Gym.Make<float[], float[]>("Pendulum-v1");
        Assert.Equal(1.62, ((PendulumEnv)moon.Unwrapped).Gravity);
        Assert.Equal(10.0, ((PendulumEnv)earth.Unwrapped).Gravity);
        Assert.Equal(moon.Reset(seed: 2).Observation, earth.Reset(seed: 2).Observation);
        Assert.NotEqual(moon.Step([0f]).Observation[2], earth.Step([0f]).Observation[2]);
    }

    [Theory]
    [InlineData("Pendulum-v1", "gravity", 9.8, "'gravity'")]
    [InlineData("Pendulum-v1", "g", "heavy", "'g'")]
    [InlineData("Pendulum-v1", "g", double.NaN, "finite")]
    [InlineData("Acrobot-v1", "book_or_nips", "paper", "'paper'")]
    [InlineData("MountainCar-v0", "goal_velocity", double.PositiveInfinity, "finite")]
    [InlineData("MountainCarContinuous-v0", "force", 1.0, "'force'")]
    public void BadArgumentsAreRefusedNamingThem(string id, string name, object value, string named)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => Gym.Make(id, kwargs: new Dictionary<string, object?> { [name] = value }));
        Assert.Contains(named, error.Message);
    }

    [Fact]
    public void ResetOptionsSetTheInitialDistribution()
    {
        using var acrobot = new AcrobotEnv();
        acrobot.Reset(seed: 1, new Dictionary<string, object?> { ["low"] = 0.2, ["high"] = 0.3 });
        Assert.All(acrobot.State, v => Assert.InRange(v, 0.2, 0.3));
        using var pendulum = new PendulumEnv();
        pendulum.Reset(seed: 1, new Dictionary<string, object?> { ["x_init"] = 0.1, ["y_init"] = 0.0 });
        Assert.InRange(pendulum.State[0], -0.1, 0.1);
        Assert.Equal(0.0, pendulum.State[1]);
        Assert.Contains("'x_init'", Assert.Throws<ArgumentException>(() => pendulum.Reset(options: new Dictionary<string, object?> { ["x_init"] = "far" })).Message);
        using var car = new MountainCarEnv();
        car.Reset(seed: 1, new Dictionary<string, object?> { ["low"] = -0.2, ["high"] = -0.1 });
        Assert.InRange(car.State[0], -0.2, -0.1);
        Assert.Contains("low (0.5)", Assert.Throws<ArgumentException>(() => car.Reset(options: new Dictionary<string, object?> { ["low"] = 0.5, ["high"] = 0.1 })).Message);
    }

    [Fact]
    public void GymnasiumsDocumentedResetObservationsAreReproduced()
    {
        // The docstrings of Gymnasium 1.4's mountain_car.py, continuous_mountain_car.py, acrobot.py and pendulum.py.
        using var car = new MountainCarEnv();
        Assert.Equal([0.11882224f, 0f], car.Reset(seed: 123, new Dictionary<string, object?> { ["low"] = -0.7, ["high"] = 0.5 }).Observation, Close);
        using var continuous = new ContinuousMountainCarEnv();
        Assert.Equal([-0.5635296f, 0f], continuous.Reset(seed: 123, new Dictionary<string, object?> { ["low"] = -0.7, ["high"] = -0.5 }).Observation, Close);
        using var acrobot = new AcrobotEnv();
        Assert.Equal([0.997341f, 0.07287608f, 0.9841162f, -0.17752565f, -0.11185605f, -0.12625128f],
            acrobot.Reset(seed: 123, new Dictionary<string, object?> { ["low"] = -0.2, ["high"] = 0.2 }).Observation, Close);
        using var pendulum = new PendulumEnv();
        Assert.Equal([0.8403459f, 0.54205054f, -0.44617897f],
            pendulum.Reset(seed: 123, new Dictionary<string, object?> { ["x_init"] = Math.PI / 2, ["y_init"] = 0.5 }).Observation, Close);
    }

    private static bool Close(float a, float b) => Math.Abs(a - b) <= 1e-6f;

    [Fact]
    public void StepBeforeResetIsRefused()
    {
        using var car = new MountainCarEnv();
        Assert.Contains("Reset", Assert.Throws<InvalidOperationException>(() => car.Step(1)).Message);
        using var pendulum = new PendulumEnv();
        Assert.Contains("Reset", Assert.Throws<InvalidOperationException>(() => pendulum.Step([0f])).Message);
        using var acrobot = new AcrobotEnv();
        Assert.Contains("Reset", Assert.Throws<InvalidOperationException>(() => acrobot.Step(0)).Message);
    }

    [Fact]
    public void ObservationSpacesAreGymnasiums()
    {
        Assert.Equal("Box([-1.2 -0.07], [0.6 0.07], (2,), float32)", new MountainCarEnv().ObservationSpace.ToString());
        Assert.Equal("Box([-1.0 -1.0 -1.0 -1.0 -12.56637 -28.27433], [1.0 1.0 1.0 1.0 12.56637 28.27433], (6,), float32)", new AcrobotEnv().ObservationSpace.ToString());
        Assert.Equal("Box([-1.0 -1.0 -8.0], [1.0 1.0 8.0], (3,), float32)", new PendulumEnv().ObservationSpace.ToString());
        Assert.Equal("Box(-1.0, 1.0, (1,), float32)", new ContinuousMountainCarEnv().ActionSpace.ToString());
    }
}
