using RlFramework.Envs.Checking;
using RlFramework.Envs.Spaces;

namespace RlFramework.Envs.Tests.Checking;

public class EnvCheckerTests
{
    public static TheoryData<string> RegisteredIds => new(Gym.Registry.Keys.Where(id => !id.StartsWith("tests/", StringComparison.Ordinal)).Order());

    [Theory, MemberData(nameof(RegisteredIds))]
    public void EveryRegisteredEnvPassesTheChecker(string id)
    {
        var report = EnvChecker.Check(id);
        Assert.True(report.Passed, report.ToString());
    }

    [Fact]
    public void ABrokenEnvFailsWithTheReasons()
    {
        var report = EnvChecker.Check(new UnseededEnv());
        Assert.False(report.Passed);
        var failure = Assert.Single(report.Failures, f => f.Check.Contains("same seed gives the same observation"));
        Assert.Contains("twice gave", failure.Message);
        Assert.Contains(report.Failures, f => f.Check.Contains("Step returns") && f.Message.Contains("not a finite number"));
        Assert.Contains("FAIL", report.ToString());
    }

    /// <summary>Ignores its seed (uses a shared generator) and pays NaN rewards.</summary>
    private sealed class UnseededEnv() : Env<float[], int>(EnvMetadata.None, null)
    {
        private static readonly Random Shared = new();
        private readonly float[] _observation = new float[1];

        public override Space<float[]> ObservationSpace { get; } = new Box<float>(0f, 1f, 1);
        public override Space<int> ActionSpace { get; } = new Discrete(2);

        protected override ResetResult<float[]> OnReset(IReadOnlyDictionary<string, object?>? options)
        {
            _observation[0] = Shared.NextSingle();
            return new(_observation, Info.Empty);
        }

        protected override StepResult<float[]> OnStep(int action) => new(_observation, double.NaN, false, false, Info.Empty);
    }
}
