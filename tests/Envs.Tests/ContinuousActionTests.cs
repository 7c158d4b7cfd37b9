using RlFramework.Envs.Spaces;

namespace RlFramework.Envs.Tests;

public class ContinuousActionTests
{
    /// <summary>An env with a Box action: the observation echoes the action.</summary>
    private sealed class EchoEnv() : Env<float[], float[]>(EnvMetadata.None, null)
    {
        private readonly float[] _observation = new float[2];
        public override Space<float[]> ObservationSpace { get; } = new Box<float>(-1f, 1f, 2);
        public override Space<float[]> ActionSpace { get; } = new Box<float>(-1f, 1f, 2);
        protected override ResetResult<float[]> OnReset(IReadOnlyDictionary<string, object?>? options) => new(_observation, Info.Empty);
        protected override StepResult<float[]> OnStep(float[] action)
        {
            action.CopyTo(_observation, 0);
            return new(_observation, 0, false, false, Info.Empty);
        }
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(1.5f)]
    public void NonFiniteOrOutOfRangeBoxActionsAreRefusedWithTheValue(float value)
    {
        using var env = new EchoEnv();
        env.Reset(seed: 0);
        var error = Assert.Throws<ArgumentException>(() => env.Step([0.5f, value]));
        Assert.Contains("EchoEnv", error.Message);
        Assert.Contains($"[0.5, {value.ToString(System.Globalization.CultureInfo.InvariantCulture)}]", error.Message);
        Assert.Contains("Box(-1.0, 1.0, (2,), float32)", error.Message);
        Assert.Equal([0.5f, -0.25f], env.Step([0.5f, -0.25f]).Observation);
    }
}
