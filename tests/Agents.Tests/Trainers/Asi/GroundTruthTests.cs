using RlFramework.Agents.Trainers.Asi;
using RlFramework.Agents.Trainers.Asi.Classifiers;

namespace RlFramework.Agents.Tests.Trainers.Asi;

/// <summary>The hand-written classifiers on the simulators' own (ground-truth) clips: near-perfect, as in the paper.</summary>
public class GroundTruthTests
{
    private static double Accuracy(IReadOnlyList<AsiTrajectory> clips, IOutcomeClassifier classifier) =>
        clips.Count(t => classifier.Classify(t.Frame(0), [.. Enumerable.Range(1, t.Length - 1).Select(i => t.Frame(i).ToArray())], t.Height, t.Width) == t.Label) / (double)clips.Count;

    [Fact]
    public void FunnelBoardClassifierReadsTheLandingPlatform()
    {
        var clips = TrajectoryGenerator.Generate("FunnelBoard-v0", 12, 100);
        Assert.True(Accuracy(clips, new FunnelBoardClassifier()) >= 11 / 12.0);
        Assert.True(clips.Select(c => c.Label).Distinct().Count() >= 3, "the clips cover several platforms");
    }

    [Fact]
    public void RoomRunnerClassifierReadsTheFinalRoom()
    {
        var clips = TrajectoryGenerator.Generate("RoomRunner-v0", 20, 100);
        Assert.True(Accuracy(clips, new RoomRunnerClassifier()) >= 19 / 20.0);
        Assert.Equal([0, 1], clips.Select(c => c.Label).Distinct().Order());
    }

    [Fact]
    public void GenerationIsDeterministicPerSeed()
    {
        var a = TrajectoryGenerator.Generate("RoomRunner-v0", 3, 7, parallelism: 2);
        var b = TrajectoryGenerator.Generate("RoomRunner-v0", 3, 7, parallelism: 1);
        Assert.Equal(a.Select(t => t.Frames), b.Select(t => t.Frames));
        Assert.Equal(a.Select(t => t.Label), b.Select(t => t.Label));
        Assert.Equal(64, a[0].Height);
        Assert.Contains("CartPole-v1 observes", Assert.Throws<ArgumentException>(() => TrajectoryGenerator.Generate("CartPole-v1", 1, 0)).Message);
    }
}
