namespace RlFramework.Envs.Physics;

/// <summary>A 2-D vector of doubles (world units).</summary>
/// <param name="X">The x component.</param>
/// <param name="Y">The y component.</param>
public readonly record struct Vec2(double X, double Y)
{
    /// <summary>The zero vector.</summary>
    public static Vec2 Zero => default;

    /// <summary>The Euclidean length.</summary>
    public double Length => Math.Sqrt(X * X + Y * Y);

    /// <summary>The squared length.</summary>
    public double LengthSquared => X * X + Y * Y;

    /// <summary>This vector rotated by +90° (counter-clockwise).</summary>
    public Vec2 Perp => new(-Y, X);

    /// <summary>"(x, y)".</summary>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"({X}, {Y})");

    /// <summary>Sum.</summary>
    public static Vec2 operator +(Vec2 a, Vec2 b) => new(a.X + b.X, a.Y + b.Y);

    /// <summary>Difference.</summary>
    public static Vec2 operator -(Vec2 a, Vec2 b) => new(a.X - b.X, a.Y - b.Y);

    /// <summary>Negation.</summary>
    public static Vec2 operator -(Vec2 a) => new(-a.X, -a.Y);

    /// <summary>Scaling.</summary>
    public static Vec2 operator *(double s, Vec2 a) => new(s * a.X, s * a.Y);

    /// <summary>Scaling.</summary>
    public static Vec2 operator *(Vec2 a, double s) => new(s * a.X, s * a.Y);

    /// <summary>Dot product.</summary>
    public static double Dot(Vec2 a, Vec2 b) => a.X * b.X + a.Y * b.Y;

    /// <summary>The z component of the 3-D cross product a × b.</summary>
    public static double Cross(Vec2 a, Vec2 b) => a.X * b.Y - a.Y * b.X;
}
