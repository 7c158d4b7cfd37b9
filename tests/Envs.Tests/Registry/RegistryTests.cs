using RlFramework.Envs.Classic;
using RlFramework.Envs.Wrappers;

namespace RlFramework.Envs.Tests.Registry;

public class RegistryTests
{
    [Fact]
    public void MakeStacksTheStandardWrappersInGymnasiumsOrder()
    {
        using var env = Gym.Make("CartPole-v1");
        Assert.Equal("TimeLimit<OrderEnforcing<PassiveEnvChecker<CartPoleEnv<CartPole-v1>>>>", env.ToString());
        Assert.IsType<CartPoleEnv>(env.Unwrapped);
        Assert.Equal(500, env.Spec!.MaxEpisodeSteps);
        Assert.Equal(475.0, env.Spec.RewardThreshold);
        using var unchecked_ = Gym.Make("CartPole-v0", disableEnvChecker: true, maxEpisodeSteps: 7);
        Assert.Equal("TimeLimit<OrderEnforcing<CartPoleEnv<CartPole-v0>>>", unchecked_.ToString());
        Assert.Equal(7, unchecked_.Spec!.MaxEpisodeSteps);
    }

    [Fact]
    public void UnknownIdNamesTheClosestRegisteredIds()
    {
        var error = Assert.Throws<ArgumentException>(() => Gym.Make("CartPol-v1"));
        Assert.Contains("'CartPole-v1'", error.Message);
        var version = Assert.Throws<ArgumentException>(() => Gym.Make("CartPole-v7"));
        Assert.Contains("CartPole-v0, CartPole-v1", version.Message);
        Assert.Throws<ArgumentException>(() => Gym.Make("not a valid id!"));
    }

    [Fact]
    public void KwargsReachTheEnvAndUnknownOnesAreErrors()
    {
        using var env = Gym.Make("CartPole-v1", new Dictionary<string, object?> { ["length"] = 0.75, ["force_mag"] = "12.5" });
        var physics = ((CartPoleEnv)env.Unwrapped).Physics;
        Assert.Equal(0.75, physics.Length);
        Assert.Equal(12.5, physics.ForceMag);
        Assert.Equal(0.75, env.Spec!.Kwargs["length"]);
        var error = Assert.Throws<ArgumentException>(() => Gym.Make("CartPole-v1", new Dictionary<string, object?> { ["lenght"] = 1.0 }));
        Assert.Contains("'lenght'", error.Message);
        Assert.Contains("length", error.Message);
        var bad = Assert.Throws<ArgumentException>(() => Gym.Make("CartPole-v1", new Dictionary<string, object?> { ["masspole"] = "heavy" }));
        Assert.Contains("'masspole' = 'heavy'", bad.Message);
    }

    [Fact]
    public void TypedMakeChecksTheTypes()
    {
        using var env = Gym.Make<float[], int>("CartPole-v1");
        Assert.Equal(4, env.Reset(seed: 1).Observation.Length);
        Assert.Contains("Single", Assert.Throws<ArgumentException>(() => Gym.Make<float[], float[]>("CartPole-v1")).Message);
    }

    [Fact]
    public void PhysicsVariantsAreRegisteredWithTheirArguments()
    {
        using var longPole = Gym.Make("CartPoleLongPole-v1");
        Assert.Equal(1.0, ((CartPoleEnv)longPole.Unwrapped).Physics.Length);
        using var weak = Gym.Make("CartPoleWeakPush-v1");
        Assert.Equal(5.0, ((CartPoleEnv)weak.Unwrapped).Physics.ForceMag);
    }

    [Fact]
    public void ANewEnvRegistersInOneLine()
    {
        Gym.Register("tests/Counter-v0", kw => new CounterEnv(kw.Get("limit", 3)), maxEpisodeSteps: 10);
        using var env = Gym.Make<int, int>("tests/Counter-v0", new Dictionary<string, object?> { ["limit"] = 2 });
        Assert.Equal("tests", env.Spec!.Namespace);
        env.Reset(seed: 0);
        Assert.False(env.Step(1).Terminated);
        Assert.True(env.Step(1).Terminated);
    }

    [Fact]
    public void StepBeforeResetIsAnErrorThatSaysToReset()
    {
        using var env = Gym.Make("CartPole-v1");
        var error = Assert.Throws<InvalidOperationException>(() => env.StepBoxed(0));
        Assert.Contains("call Reset", error.Message);
    }
}
