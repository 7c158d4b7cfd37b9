using RlFramework.Agents.Trainers.Asi;
using RlFramework.Agents.Trainers.Asi.Classifiers;

namespace RlFramework.Agents.Tests.Trainers.Asi;

public class ClassifierTests
{
    private static IOutcomeClassifier Funnel => new FunnelBoardClassifier();
    private static IOutcomeClassifier Rooms => new RoomRunnerClassifier(doorGrowth: 0);

    private static IReadOnlyList<float[]> Rest(AsiTrajectory t) => [.. Enumerable.Range(1, t.Length - 1).Select(i => t.Frame(i).ToArray())];

    [Fact]
    public void FunnelBoardBucketsTheBallAtTheBottom()
    {
        foreach (var fall in SyntheticFalls.All())
            Assert.Equal(fall.Label, Funnel.Classify(fall.Frame(0), Rest(fall), fall.Height, fall.Width));
    }

    [Fact]
    public void FunnelBoardIsUndecidedWithoutABall()
    {
        var fall = SyntheticFalls.Fall(2);
        var blank = new float[fall.FrameSize];
        Array.Fill(blank, 1f);
        Assert.Equal(-1, Funnel.Classify(fall.Frame(0), [blank], fall.Height, fall.Width));
        Assert.Equal(new double[5], Funnel.Probabilities(fall.Frame(0), [blank], fall.Height, fall.Width));
        // Only the bottom 10 rows count: the first frames, with the ball high up, show nothing.
        Assert.Equal(-1, Funnel.Classify(fall.Frame(0), [fall.Frame(1).ToArray()], fall.Height, fall.Width));
    }

    [Fact]
    public void FunnelBoardProbabilitiesSplitByBallMass()
    {
        var a = SyntheticFalls.Fall(1);
        var b = SyntheticFalls.Fall(3);
        var p = Funnel.Probabilities(a.Frame(0), [a.Frame(14).ToArray(), a.Frame(14).ToArray(), b.Frame(14).ToArray()], a.Height, a.Width);
        Assert.Equal([0, 2.0 / 3, 0, 1.0 / 3, 0], p, (x, y) => Math.Abs(x - y) < 1e-9);
    }

    /// <summary>A 12×12 plan: a white corridor (rows 4–7, x = 4..7), a red room on the left (x = 0..2) and a blue room on the right (x = 9..11), walls black.</summary>
    private static float[] Plan(int runnerX)
    {
        const int n = 12, plane = n * n;
        var f = new float[3 * plane];
        void Set(int y, int x, float r, float g, float b) => (f[y * n + x], f[plane + y * n + x], f[2 * plane + y * n + x]) = (r, g, b);
        for (int y = 0; y < n; y++)
        {
            for (int x = 0; x < n; x++)
            {
                if (y is < 4 or > 7) Set(y, x, 0.15f, 0.15f, 0.15f);               // background
                else if (x is 3 or 8) Set(y, x, 0, 0, 0);                           // walls without doors
                else if (x < 3) Set(y, x, 1f, 0.5f, 0.5f);                          // red room
                else if (x > 8) Set(y, x, 0.5f, 0.5f, 1f);                          // blue room
                else Set(y, x, 1, 1, 1);                                            // corridor
            }
        }

        for (int y = 5; y <= 6; y++) Set(y, runnerX, 0, 0.8f, 0);
        return f;
    }

    [Fact]
    public void RoomRunnerMasksStopAtWallsWithoutDoors()
    {
        var first = Plan(runnerX: 5);
        var red = RoomRunnerClassifier.RoomMask(first, 12, 12, blue: false, growth: 8);
        Assert.True(red[5 * 12 + 0] && red[5 * 12 + 2], "the red room");
        Assert.False(red[5 * 12 + 5], "the wall stops the growth");
        Assert.Equal(-1, Rooms.Classify(first, [first], 12, 12));                    // the runner in the corridor
        Assert.Equal(0, Rooms.Classify(first, [Plan(runnerX: 1)], 12, 12));        // in the red room
        Assert.Equal(1, Rooms.Classify(first, [Plan(runnerX: 10)], 12, 12));        // in the blue room
        Assert.Equal([1.0 / 3, 2.0 / 3], Rooms.Probabilities(first, [Plan(1), Plan(10), Plan(10)], 12, 12));
    }

    [Fact]
    public void RoomMasksGrowThroughDoorsByTheGrowth()
    {
        // The plan with a door (0.9, 0.95, 1.0) in the red room's wall at rows 5–6: the red mask grows 8 px through it
        // into the corridor (x = 3..10 would be 8 px, but the blue wall stops it at x = 7), none without growth. The
        // runner starts in the blue room.
        var first = Plan(runnerX: 10);
        for (int y = 5; y <= 6; y++) (first[y * 12 + 3], first[144 + y * 12 + 3], first[288 + y * 12 + 3]) = (0.9f, 0.95f, 1f);
        var grown = RoomRunnerClassifier.RoomMask(first, 12, 12, blue: false, growth: 8);
        var stopped = RoomRunnerClassifier.RoomMask(first, 12, 12, blue: false, growth: 0);
        Assert.True(grown[5 * 12 + 3] && grown[5 * 12 + 7] && grown[4 * 12 + 4], "the door and the corridor behind it");
        Assert.False(grown[5 * 12 + 8] || grown[2 * 12 + 4], "walls and background stop the growth");
        Assert.False(stopped[5 * 12 + 3]);
        var twoPx = RoomRunnerClassifier.RoomMask(first, 12, 12, blue: false, growth: 2);
        Assert.True(twoPx[5 * 12 + 4] && !twoPx[5 * 12 + 5], "2 px of growth: the door and one corridor column");
        var runnerInCorridor = Plan(runnerX: 5);
        Assert.Equal(0, ((IOutcomeClassifier)new RoomRunnerClassifier()).Classify(first, [runnerInCorridor], 12, 12));
        Assert.Equal(-1, Rooms.Classify(first, [runnerInCorridor], 12, 12));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RoomRunnerClassifier(-1));
    }

    [Fact]
    public void RoomMasksAreSmoothedAsTheAuthorsDo()
    {
        // [1 2 1; 2 4 2; 1 2 1]/16 with mirrored edges: a pixel inside the frame spreads 4/16, 2/16, 1/16; one in the
        // corner counts itself four times over (9/16), as SciPy's correlate2d with boundary 'symm' does.
        var mask = new bool[5 * 5];
        mask[2 * 5 + 2] = true;
        var w = RoomRunnerClassifier.Smoothed(mask, 5, 5);
        Assert.Equal([4 / 16.0, 2 / 16.0, 1 / 16.0, 0], [w[2 * 5 + 2], w[2 * 5 + 3], w[1 * 5 + 1], w[0]]);
        Assert.Equal(1, w.Sum(), 12);
        var corner = new bool[5 * 5];
        corner[0] = true;
        Assert.Equal(9 / 16.0, RoomRunnerClassifier.Smoothed(corner, 5, 5)[0]);
        // Just outside a room the runner still counts, weighted: the red room's edge is x = 2, the wall x = 3.
        var first = Plan(runnerX: 5);
        var red = RoomRunnerClassifier.Smoothed(RoomRunnerClassifier.RoomMask(first, 12, 12, blue: false, growth: 0), 12, 12);
        Assert.Equal([1, 1 / 4.0, 0], [red[5 * 12 + 1], red[5 * 12 + 3], red[5 * 12 + 4]]);
    }

    [Fact]
    public void FairScoreIsTheProbabilityOfTheRightLabel()
    {
        var first = Plan(runnerX: 5);
        Assert.Equal(0.5, Rooms.Score(first, [first], 12, 12, label: 1, fair: true));      // undecided: 1/K
        Assert.Equal(0.0, Rooms.Score(first, [first], 12, 12, label: 1, fair: false));
        Assert.Equal(0.5, Rooms.Score(first, [Plan(1), Plan(10)], 12, 12, label: 0, fair: true)); // a tie of both labels
        Assert.Equal(2.0 / 3, Rooms.Score(first, [Plan(1), Plan(10), Plan(10)], 12, 12, label: 1, fair: true), 12); // two thirds of the evidence
        Assert.Equal(1.0 / 3, Rooms.Score(first, [Plan(1), Plan(10), Plan(10)], 12, 12, label: 0, fair: true), 12);
        Assert.Equal(1.0, Rooms.Score(first, [Plan(1), Plan(10), Plan(10)], 12, 12, label: 1, fair: false));
        Assert.Equal(1.0, Rooms.Score(first, [Plan(10)], 12, 12, label: 1, fair: true));
        Assert.Equal(0.0, Rooms.Score(first, [Plan(10)], 12, 12, label: 0, fair: true));
        var fall = SyntheticFalls.Fall(2);
        Assert.Equal(0.2, Funnel.Score(fall.Frame(0), [new float[fall.FrameSize]], fall.Height, fall.Width, label: 4, fair: true), 12);
        Assert.Throws<ArgumentOutOfRangeException>(() => Rooms.Score(first, [first], 12, 12, label: 2, fair: true));
    }
}
