namespace RlFramework.Envs.Physics;

/// <summary>
/// An immovable obstacle: a convex polygon (three or more vertices, stored counter-clockwise) or a line segment
/// (two vertices, zero thickness). Bodies collide with its boundary.
/// </summary>
public sealed class StaticShape
{
    private readonly Vec2[] _vertices;
    private readonly Vec2[] _normals;

    private StaticShape(Vec2[] vertices, Material material)
    {
        material.Validate();
        foreach (var v in vertices)
        {
            if (!double.IsFinite(v.X) || !double.IsFinite(v.Y))
                throw new ArgumentException($"Expected finite vertices; got {v}.", nameof(vertices));
        }
        if (vertices.Length >= 3 && SignedArea(vertices) < 0) Array.Reverse(vertices);
        _vertices = vertices;
        _normals = new Vec2[vertices.Length];
        for (int i = 0; i < vertices.Length; i++)
        {
            var edge = vertices[(i + 1) % vertices.Length] - vertices[i];
            double length = edge.Length;
            if (length < 1e-12) throw new ArgumentException($"Vertices {i} and {(i + 1) % vertices.Length} coincide at {vertices[i]}.", nameof(vertices));
            _normals[i] = new Vec2(edge.Y / length, -edge.X / length); // outward for counter-clockwise order
        }
        if (vertices.Length >= 3) RequireConvex();
        Material = material;
        Min = new Vec2(vertices.Min(v => v.X), vertices.Min(v => v.Y));
        Max = new Vec2(vertices.Max(v => v.X), vertices.Max(v => v.Y));
    }

    /// <summary>A convex polygon through <paramref name="vertices"/> (either winding).</summary>
    /// <exception cref="ArgumentException">Fewer than three vertices, repeated vertices, or a non-convex outline.</exception>
    public static StaticShape Polygon(IReadOnlyList<Vec2> vertices, Material material)
    {
        ArgumentNullException.ThrowIfNull(vertices);
        if (vertices.Count < 3) throw new ArgumentException($"A polygon needs at least 3 vertices; got {vertices.Count}.", nameof(vertices));
        return new StaticShape([.. vertices], material);
    }

    /// <summary>The line segment from <paramref name="a"/> to <paramref name="b"/>.</summary>
    public static StaticShape Segment(Vec2 a, Vec2 b, Material material) => new([a, b], material);

    /// <summary>A rectangle of the given half-extents centred at <paramref name="center"/>, rotated by <paramref name="angle"/> radians.</summary>
    public static StaticShape Box(Vec2 center, double halfWidth, double halfHeight, double angle, Material material)
    {
        if (!(halfWidth > 0) || !(halfHeight > 0))
            throw new ArgumentOutOfRangeException(nameof(halfWidth), $"Expected positive half-extents; got {halfWidth} × {halfHeight}.");
        var (sin, cos) = Math.SinCos(angle);
        Vec2 Corner(double x, double y) => new(center.X + x * cos - y * sin, center.Y + x * sin + y * cos);
        return new StaticShape([Corner(-halfWidth, -halfHeight), Corner(halfWidth, -halfHeight), Corner(halfWidth, halfHeight), Corner(-halfWidth, halfHeight)], material);
    }

    /// <summary>The vertices (counter-clockwise for polygons).</summary>
    public ReadOnlySpan<Vec2> Vertices => _vertices;

    /// <summary>The outward unit normal of edge i (from vertex i to vertex i + 1).</summary>
    internal ReadOnlySpan<Vec2> Normals => _normals;

    /// <summary>True for a two-vertex segment.</summary>
    public bool IsSegment => _vertices.Length == 2;

    /// <summary>The surface properties.</summary>
    public Material Material { get; }

    /// <summary>The lower-left corner of the bounding box.</summary>
    public Vec2 Min { get; }

    /// <summary>The upper-right corner of the bounding box.</summary>
    public Vec2 Max { get; }

    private static double SignedArea(Vec2[] v)
    {
        double area = 0;
        for (int i = 0; i < v.Length; i++) area += Vec2.Cross(v[i], v[(i + 1) % v.Length]);
        return area / 2;
    }

    private void RequireConvex()
    {
        for (int i = 0; i < _vertices.Length; i++)
        {
            var next = _normals[(i + 1) % _normals.Length];
            if (Vec2.Cross(_normals[i], next) < -1e-12)
                throw new ArgumentException($"The polygon is not convex at vertex {(i + 1) % _vertices.Length} ({_vertices[(i + 1) % _vertices.Length]}).", "vertices");
        }
    }
}
