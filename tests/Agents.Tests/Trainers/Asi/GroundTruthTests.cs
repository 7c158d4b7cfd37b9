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
    public void EveryRecordedFrameShowsTheMovingObjectAndABlankFrameDoesNot()
    {
        // The simulators' frames always show the runner; the ball may have left the cropped frame in the last ones.
        foreach (var (env, classifier) in new (string, IOutcomeClassifier)[] { ("RoomRunner-v0", new RoomRunnerClassifier()), ("FunnelBoard-v0", new FunnelBoardClassifier()) })
        {
            foreach (var clip in TrajectoryGenerator.Generate(env, 3, 100))
            {
                int shown = Enumerable.Range(0, clip.Length).TakeWhile(t => classifier.ShowsObject(clip.Frame(t), clip.Height, clip.Width)).Count();
                Assert.True(shown >= clip.Length - (env == "FunnelBoard-v0" ? 3 : 0), $"{env}: the object is lost at frame {shown} of {clip.Length}");
                var blank = clip.Frame(0).ToArray();
                Array.Fill(blank, 1f);
                Assert.False(classifier.ShowsObject(blank, clip.Height, clip.Width));
            }
        }
    }

    [Theory]
    [InlineData(6)]
    [InlineData(12)]
    public void RoomRunnerClassifierReadsARolloutOfFewJumps(int jumps)
    {
        // What a perfect ASI model shows in an evaluation rollout of a dozen steps: the recorded frames at evenly spaced
        // times, the last one the clip's end. The classifier reads them right; the first half of a clip alone (the
        // runner not yet near either coloured room in most clips) decides far fewer.
        var clips = TrajectoryGenerator.Generate("RoomRunner-v0", 20, 100);
        IOutcomeClassifier classifier = new RoomRunnerClassifier();
        float[][] Jumps(AsiTrajectory t, int end) => [.. Enumerable.Range(1, jumps).Select(i => t.Frame((int)Math.Round(i * end / (double)jumps)).ToArray())];
        double Score(Func<AsiTrajectory, float[][]> rollout) =>
            clips.Average(t => classifier.Score(t.Frame(0), rollout(t), t.Height, t.Width, t.Label, fair: false));
        double whole = Score(t => Jumps(t, t.Length - 1)), half = Score(t => Jumps(t, (t.Length - 1) / 2));
        Assert.True(whole >= 19 / 20.0 && half <= 0.5, $"whole clip {whole}, first half {half}");
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
