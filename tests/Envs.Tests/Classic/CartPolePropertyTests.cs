using FsCheck;
using FsCheck.Xunit;
using RlFramework.Envs.Classic;

namespace RlFramework.Envs.Tests.Classic;

public class CartPolePropertyTests
{
    [Property]
    public bool ResetWithTheSameSeedGivesTheSameObservationInTheSpace(NonNegativeInt seed)
    {
        using var a = Gym.Make<float[], int>("CartPole-v1");
        using var b = Gym.Make<float[], int>("CartPole-v1");
        var first = a.Reset(seed: seed.Get).Observation;
        return first.SequenceEqual(b.Reset(seed: seed.Get).Observation) && a.ObservationSpace.Contains(first)
            && first.All(v => v is >= -0.05f and <= 0.05f);
    }

    [Property]
    public bool InvalidActionsAreAlwaysRefused(int action)
    {
        using var env = new CartPoleEnv();
        env.Reset(seed: 0);
        if (action is 0 or 1) return env.Step(action).Observation.Length == 4;
        try
        {
            env.Step(action);
            return false;
        }
        catch (ArgumentException e)
        {
            return e.Message.Contains($"action {action}", StringComparison.Ordinal);
        }
    }
}
