using RlFramework.Envs.FunnelBoard;
using RlFramework.Envs.Physics;

namespace RlFramework.Envs.Tests.Simulators;

public class FunnelBoardTests
{
    private static readonly int[] Seeds = [.. Enumerable.Range(200, 60)];

    [Fact]
    public void TheBallNeverSinksIntoAnObstacleAndLandsOnItsLabel()
    {
        using var env = new FunnelBoardEnv();
        var labels = new HashSet<int>();
        foreach (int seed in Seeds.Take(25))
        {
            env.Reset(seed: seed);
            var course = env.Course!;
            var probe = RigidBody.Circle(FunnelCourse.BallRadius, 1, new Material(0, 0));
            foreach (var p in env.Positions)
            {
                probe.Position = p;
                foreach (var obstacle in course.Obstacles)
                {
                    if (Collision.Test(probe, obstacle, out var contact)) Assert.True(contact.Depth < 0.02, $"seed {seed}: ball at {p} {contact.Depth} deep in an obstacle");
                }
            }
            var end = env.Positions[^1];
            Assert.True(end.Y < -FunnelCourse.HalfHeight + 0.1, $"seed {seed}: the clip ends with the ball at {end}");
            Assert.Equal(env.Label, course.PlatformAt(end.X));
        }
    }

    [Fact]
    public void AllFivePlatformsOccur()
    {
        using var env = new FunnelBoardEnv();
        var labels = Seeds.Select(seed => env.Reset(seed: seed).Info.Get<int>("label")).ToHashSet();
        Assert.Equal([0, 1, 2, 3, 4], labels.Order());
    }

    [Fact]
    public void TheLowBounceVariantHasOnlyDullFunnels()
    {
        static HashSet<double> FunnelRestitutions(bool lowBounce)
        {
            using var env = new FunnelBoardEnv(lowBounce);
            var found = new HashSet<double>();
            foreach (int seed in Seeds.Take(5))
            {
                env.Reset(seed: seed);
                foreach (var o in env.Course!.Obstacles) found.Add(o.Material.Restitution);
            }
            return found;
        }
        Assert.Equal([0.0, 0.02, 0.1], FunnelRestitutions(lowBounce: true).Order()); // platforms, funnels, sliders
        Assert.Equal([0.0, 0.02, 0.1, 0.6], FunnelRestitutions(lowBounce: false).Order());
    }

    [Fact]
    public void TheTraceDarkensRedWhereThePictureBrightenedAndGreenWhereItDarkened()
    {
        // Pixel 0 turns from blue (gray 85) to white (255): d = 170 → R −= 170. Pixel 1 from white to blue: d = −170 → G −= 170.
        var gray = new short[2];
        var rgb = new byte[6];
        byte[] before = [0, 0, 255, 255, 255, 255], after = [255, 255, 255, 0, 0, 255];
        FunnelBoardEnv.ApplyTrace(before, first: true, gray, rgb);
        Assert.Equal(before, rgb); // the first frame has no trace
        FunnelBoardEnv.ApplyTrace(after, first: false, gray, rgb);
        Assert.Equal(new byte[] { 85, 255, 255, 0, 0, 255 }, rgb);
        Assert.Equal(new short[] { 255, 85 }, gray);
    }
}
