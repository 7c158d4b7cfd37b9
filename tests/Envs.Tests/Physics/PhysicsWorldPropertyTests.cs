using FsCheck.Xunit;
using RlFramework.Envs.Physics;

namespace RlFramework.Envs.Tests.Physics;

/// <summary>Invariants of the sub-stepped rigid-body step, over random scenes (each property case draws one from its seed).</summary>
public class PhysicsWorldPropertyTests
{
    private const double WallHalfLength = 1000;

    /// <summary>A long wall through <paramref name="origin"/> along <paramref name="direction"/>: a segment or a thin box.</summary>
    private static StaticShape Wall(Random rng, Vec2 origin, Vec2 direction, Material material)
    {
        double thickness = rng.Next(3) == 0 ? 0 : rng.NextDouble() * 0.05 + 1e-3;
        var a = origin - WallHalfLength * direction;
        var b = origin + WallHalfLength * direction;
        return thickness == 0
            ? StaticShape.Segment(a, b, material)
            : StaticShape.Box(origin, WallHalfLength, thickness / 2, Math.Atan2(direction.Y, direction.X), material);
    }

    private static RigidBody Body(Random rng, Material material) => rng.Next(2) == 0
        ? RigidBody.Circle(0.05 + rng.NextDouble() * 0.5, 1 + rng.NextDouble(), material)
        : RigidBody.Box(0.05 + rng.NextDouble() * 0.5, 0.05 + rng.NextDouble() * 0.5, 0.5 + rng.NextDouble(), material);

    private static Material RandomMaterial(Random rng) => new(rng.NextDouble() * 2, rng.NextDouble());

    [Property(MaxTest = 200)]
    public bool AFastBodyNeverCrossesAThinWall(int seed)
    {
        var rng = new Random(seed);
        double angle = rng.NextDouble() * 2 * Math.PI;
        var along = new Vec2(Math.Cos(angle), Math.Sin(angle));
        var normal = along.Perp;
        var origin = new Vec2(rng.NextDouble() * 10 - 5, rng.NextDouble() * 10 - 5);
        var gravity = rng.Next(2) == 0 ? Vec2.Zero : new Vec2(rng.NextDouble() * 40 - 20, rng.NextDouble() * 40 - 20);
        var world = new PhysicsWorld(gravity, minSubsteps: 1 + rng.Next(4));
        var wall = Wall(rng, origin, along, RandomMaterial(rng));
        world.Add(wall);
        var body = Body(rng, RandomMaterial(rng));
        double reach = body.Shape == BodyShape.Circle ? body.Radius : Math.Abs(body.HalfExtents.X * normal.X) + Math.Abs(body.HalfExtents.Y * normal.Y);
        body.Position = origin + (reach + 0.05 + rng.NextDouble() * 3) * normal + (rng.NextDouble() * 20 - 10) * along;
        body.Velocity = -(20 + rng.NextDouble() * 300) * normal + (rng.NextDouble() * 40 - 20) * along;
        double dt = 0.005 + rng.NextDouble() * 0.1;
        for (int step = 0; step < 40; step++)
        {
            world.Step(body, dt, new Vec2(rng.NextDouble() * 100 - 50, rng.NextDouble() * 100 - 50));
            if (Vec2.Dot(body.Position - origin, normal) <= 0) return false;
        }
        return true;
    }

    [Property(MaxTest = 200)]
    public bool KineticEnergyNeverGrowsWithoutForces(int seed)
    {
        var rng = new Random(seed);
        var world = new PhysicsWorld(Vec2.Zero, minSubsteps: 1 + rng.Next(4), restitutionThreshold: rng.NextDouble());
        // A closed room (four thin walls) with random slanted walls and polygons inside.
        foreach (var (o, d) in new[] { (new Vec2(0, -5), new Vec2(1, 0)), (new Vec2(0, 5), new Vec2(1, 0)), (new Vec2(-5, 0), new Vec2(0, 1)), (new Vec2(5, 0), new Vec2(0, 1)) })
            world.Add(Wall(rng, o, d, RandomMaterial(rng)));
        for (int i = 0; i < 4; i++)
        {
            var centre = new Vec2(rng.NextDouble() * 8 - 4, rng.NextDouble() * 8 - 4);
            world.Add(StaticShape.Box(centre, 0.1 + rng.NextDouble(), 0.02 + rng.NextDouble() * 0.3, rng.NextDouble() * Math.PI, RandomMaterial(rng)));
        }
        var body = Body(rng, RandomMaterial(rng));
        body.Position = new Vec2(rng.NextDouble() * 6 - 3, rng.NextDouble() * 6 - 3);
        body.Velocity = new Vec2(rng.NextDouble() * 60 - 30, rng.NextDouble() * 60 - 30);
        body.AngularVelocity = body.Shape == BodyShape.Circle ? rng.NextDouble() * 40 - 20 : 0;
        double energy = body.KineticEnergy;
        for (int step = 0; step < 60; step++)
        {
            world.Step(body, 0.02 + rng.NextDouble() * 0.05);
            double next = body.KineticEnergy;
            if (next > energy * (1 + 1e-12) + 1e-15) return false;
            energy = next;
        }
        return true;
    }

    [Property(MaxTest = 100)]
    public bool ABounceReturnsAtMostTheRestitutionShareOfTheNormalSpeed(int seed)
    {
        var rng = new Random(seed);
        var material = new Material(rng.NextDouble(), rng.NextDouble());
        var world = new PhysicsWorld(Vec2.Zero, restitutionThreshold: 0);
        world.Add(StaticShape.Segment(new Vec2(-100, 0), new Vec2(100, 0), new Material(0, 0)));
        var body = Body(rng, material);
        double speed = 1 + rng.NextDouble() * 20;
        body.Position = new Vec2(0, body.HalfExtents.Y + 0.01);
        body.Velocity = new Vec2(0, -speed);
        for (int step = 0; step < 5; step++) world.Step(body, 0.05);
        return Math.Abs(body.Velocity.Y - material.Restitution * speed) < 1e-9 && body.Position.Y > 0;
    }
}
