namespace RlFramework.Envs.Physics;

/// <summary>Overlap tests of a body (disc or axis-aligned box) against a static convex polygon or segment.</summary>
internal static class Collision
{
    /// <summary>The contact of <paramref name="body"/> at its current position with <paramref name="shape"/>, if they overlap.</summary>
    public static bool Test(RigidBody body, StaticShape shape, out Contact contact)
    {
        var c = body.Position;
        var h = body.HalfExtents;
        contact = default;
        if (c.X + h.X <= shape.Min.X || c.X - h.X >= shape.Max.X || c.Y + h.Y <= shape.Min.Y || c.Y - h.Y >= shape.Max.Y) return false;
        return body.Shape == BodyShape.Circle ? Circle(c, body.Radius, shape, out contact) : Box(c, h, shape, out contact);
    }

    private static bool Circle(Vec2 c, double r, StaticShape shape, out Contact contact)
    {
        contact = default;
        var v = shape.Vertices;
        var normals = shape.Normals;
        if (!shape.IsSegment)
        {
            double maxSeparation = double.NegativeInfinity;
            int best = 0;
            for (int i = 0; i < v.Length; i++)
            {
                double s = Vec2.Dot(normals[i], c - v[i]);
                if (s > maxSeparation) (maxSeparation, best) = (s, i);
            }
            if (maxSeparation >= r) return false;
            if (maxSeparation <= 0)
            {
                contact = new Contact(normals[best], r - maxSeparation, -r * normals[best]);
                return true;
            }
        }

        int edges = shape.IsSegment ? 1 : v.Length;
        double bestDistance2 = double.PositiveInfinity;
        Vec2 closest = default;
        for (int i = 0; i < edges; i++)
        {
            var p = ClosestOnSegment(v[i], v[(i + 1) % v.Length], c);
            double d2 = (c - p).LengthSquared;
            if (d2 < bestDistance2) (bestDistance2, closest) = (d2, p);
        }
        if (bestDistance2 >= r * r) return false;
        double distance = Math.Sqrt(bestDistance2);
        var normal = distance > 1e-12 ? (1 / distance) * (c - closest) : normals[0];
        contact = new Contact(normal, r - distance, -r * normal);
        return true;
    }

    private static bool Box(Vec2 c, Vec2 h, StaticShape shape, out Contact contact)
    {
        contact = default;
        double bestDepth = double.PositiveInfinity;
        Vec2 bestNormal = default;
        var normals = shape.Normals;
        int axes = 2 + (shape.IsSegment ? 1 : normals.Length);
        for (int k = 0; k < axes; k++)
        {
            var axis = k switch { 0 => new Vec2(1, 0), 1 => new Vec2(0, 1), _ => normals[k - 2] };
            double centre = Vec2.Dot(axis, c), extent = h.X * Math.Abs(axis.X) + h.Y * Math.Abs(axis.Y);
            double shapeMin = double.PositiveInfinity, shapeMax = double.NegativeInfinity;
            foreach (var vertex in shape.Vertices)
            {
                double p = Vec2.Dot(axis, vertex);
                shapeMin = Math.Min(shapeMin, p);
                shapeMax = Math.Max(shapeMax, p);
            }
            double pushPositive = shapeMax - (centre - extent), pushNegative = centre + extent - shapeMin;
            if (pushPositive <= 0 || pushNegative <= 0) return false;
            if (pushPositive < bestDepth) (bestDepth, bestNormal) = (pushPositive, axis);
            if (pushNegative < bestDepth) (bestDepth, bestNormal) = (pushNegative, -axis);
        }
        var support = new Vec2(-h.X * Math.Sign(bestNormal.X), -h.Y * Math.Sign(bestNormal.Y));
        contact = new Contact(bestNormal, bestDepth, support);
        return true;
    }

    private static Vec2 ClosestOnSegment(Vec2 a, Vec2 b, Vec2 p)
    {
        var ab = b - a;
        double t = Math.Clamp(Vec2.Dot(p - a, ab) / ab.LengthSquared, 0, 1);
        return a + t * ab;
    }
}

/// <summary>A penetration of the body into an obstacle.</summary>
/// <param name="Normal">Unit normal pointing from the obstacle toward the body: the direction that separates them.</param>
/// <param name="Depth">How far the body must move along <see cref="Normal"/> to stop overlapping (&gt; 0).</param>
/// <param name="Offset">From the body's centre to the contact point on its surface.</param>
internal readonly record struct Contact(Vec2 Normal, double Depth, Vec2 Offset);
