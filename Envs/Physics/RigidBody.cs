namespace RlFramework.Envs.Physics;

/// <summary>
/// The one moving body of a <see cref="PhysicsWorld"/>: a rolling disc (<see cref="Circle"/>) or an axis-aligned box
/// with fixed rotation (<see cref="Box"/>). Position is the centre.
/// </summary>
public sealed class RigidBody
{
    private RigidBody(BodyShape shape, Vec2 halfExtents, double mass, double inertia, Material material)
    {
        material.Validate();
        if (!(mass > 0) || !double.IsFinite(mass)) throw new ArgumentOutOfRangeException(nameof(mass), mass, "Expected a positive finite mass.");
        Shape = shape;
        HalfExtents = halfExtents;
        Mass = mass;
        Inertia = inertia;
        Material = material;
    }

    /// <summary>A solid disc of the given radius and area density (mass πr²ρ, moment of inertia mr²/2).</summary>
    public static RigidBody Circle(double radius, double density, Material material)
    {
        if (!(radius > 0) || !double.IsFinite(radius)) throw new ArgumentOutOfRangeException(nameof(radius), radius, "Expected a positive finite radius.");
        double mass = Math.PI * radius * radius * density;
        return new RigidBody(BodyShape.Circle, new Vec2(radius, radius), mass, mass * radius * radius / 2, material);
    }

    /// <summary>An axis-aligned box of the given half-extents and mass that never rotates.</summary>
    public static RigidBody Box(double halfWidth, double halfHeight, double mass, Material material)
    {
        if (!(halfWidth > 0) || !(halfHeight > 0)) throw new ArgumentOutOfRangeException(nameof(halfWidth), $"Expected positive half-extents; got {halfWidth} × {halfHeight}.");
        return new RigidBody(BodyShape.Box, new Vec2(halfWidth, halfHeight), mass, double.PositiveInfinity, material);
    }

    /// <summary>Circle or box.</summary>
    public BodyShape Shape { get; }

    /// <summary>Half-width and half-height (both the radius for a circle).</summary>
    public Vec2 HalfExtents { get; }

    /// <summary>The radius of a circle (its half-extent).</summary>
    public double Radius => HalfExtents.X;

    /// <summary>Mass.</summary>
    public double Mass { get; }

    /// <summary>Moment of inertia about the centre (infinite for the fixed-rotation box).</summary>
    public double Inertia { get; }

    /// <summary>Surface properties.</summary>
    public Material Material { get; }

    /// <summary>Centre position.</summary>
    public Vec2 Position { get; set; }

    /// <summary>Linear velocity.</summary>
    public Vec2 Velocity { get; set; }

    /// <summary>Rotation angle, radians (circles only).</summary>
    public double Angle { get; set; }

    /// <summary>Angular velocity, radians per time unit (circles only; always 0 for the box).</summary>
    public double AngularVelocity { get; set; }

    /// <summary>Kinetic energy: ½mv² + ½Iω².</summary>
    public double KineticEnergy =>
        0.5 * Mass * Velocity.LengthSquared + (Shape == BodyShape.Circle ? 0.5 * Inertia * AngularVelocity * AngularVelocity : 0);

    /// <summary>The smallest half-extent: a body moves at most half of it per sub-step, so it cannot skip a thin obstacle.</summary>
    internal double MinHalfExtent => Math.Min(HalfExtents.X, HalfExtents.Y);
}
