using RlFramework.Envs.Physics;

namespace RlFramework.Envs.Tests.Physics;

public class PhysicsWorldTests
{
    private static readonly Material Rough = new(0.5, 0);

    [Fact]
    public void AFallingBallLandsOnAFloorAndRests()
    {
        var world = new PhysicsWorld(new Vec2(0, -10));
        world.Add(StaticShape.Box(new Vec2(0, -0.5), 10, 0.5, 0, Rough));
        var ball = RigidBody.Circle(0.25, 1, Rough);
        ball.Position = new Vec2(0, 3);
        for (int i = 0; i < 120; i++) world.Step(ball, 1.0 / 30);
        Assert.Equal(0.25, ball.Position.Y, 3);
        Assert.True(ball.Velocity.Length < 1e-2, $"velocity {ball.Velocity}");
    }

    [Fact]
    public void ABallRollsDownASlopeWithoutSlipping()
    {
        // A solid disc rolling without slipping accelerates at (2/3) g sin θ along the slope.
        double theta = Math.PI / 12;
        var world = new PhysicsWorld(new Vec2(0, -10));
        world.Add(StaticShape.Box(Vec2.Zero, 50, 0.1, -theta, new Material(0.5, 0)));
        var ball = RigidBody.Circle(0.25, 1, new Material(0.5, 0));
        var down = new Vec2(Math.Cos(theta), -Math.Sin(theta));
        var up = down.Perp;
        ball.Position = (0.1 + 0.25) * up - 5 * down;
        for (int i = 0; i < 30; i++) world.Step(ball, 1.0 / 30);
        double speed = Vec2.Dot(ball.Velocity, down);
        Assert.Equal(2.0 / 3 * 10 * Math.Sin(theta) * 1.0, speed, 1);
        Assert.Equal(speed / 0.25, -ball.AngularVelocity, 1);
    }

    [Fact]
    public void BadArgumentsAreRefusedWithTheValue()
    {
        Assert.Contains("-1", Assert.Throws<ArgumentOutOfRangeException>(() => RigidBody.Circle(-1, 1, Rough)).Message);
        Assert.Contains("restitution", Assert.Throws<ArgumentOutOfRangeException>(() => new Material(0, 1.5).Validate()).Message);
        Assert.Contains("not convex", Assert.Throws<ArgumentException>(() =>
            StaticShape.Polygon([new Vec2(0, 0), new Vec2(2, 0), new Vec2(1, 0.2), new Vec2(2, 2), new Vec2(0, 2)], Rough)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new PhysicsWorld(Vec2.Zero).Step(RigidBody.Circle(1, 1, Rough), 0));
    }
}
