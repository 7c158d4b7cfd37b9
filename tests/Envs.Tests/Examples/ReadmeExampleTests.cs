using RlFramework.Envs.Checking;

namespace RlFramework.Envs.Tests.Examples;

public class ReadmeExampleTests
{
    [Fact]
    public void TheReadmesCustomEnvRegistersMakesAndPassesTheChecker()
    {
        Gym.Register("Corridor-v0", kwargs => new CorridorEnv(kwargs.Get("length", 10)), maxEpisodeSteps: 100);
        using var env = Gym.Make<int, int>("Corridor-v0", new Dictionary<string, object?> { ["length"] = 5 });
        var report = EnvChecker.Check(env);
        Assert.True(report.Passed, report.ToString());
        Assert.Equal("TimeLimit<OrderEnforcing<PassiveEnvChecker<CorridorEnv<Corridor-v0>>>>", env.ToString());
    }
}
