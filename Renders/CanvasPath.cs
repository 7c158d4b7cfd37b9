namespace RlFramework.Renders;

/// <summary>
/// A reusable vector path (move, line, cubic curve, arc, close) that a <see cref="Canvas"/> fills or strokes.
/// Coordinates are in the canvas's current user space when drawn.
/// </summary>
public sealed class CanvasPath
{
    private readonly List<Segment> segments = [];

    /// <summary>Kinds of path segments.</summary>
    internal enum Kind
    {
        /// <summary>Start a new sub-path at (X1, Y1).</summary>
        Move,

        /// <summary>Straight line to (X1, Y1).</summary>
        Line,

        /// <summary>Cubic Bézier with control points (X1, Y1), (X2, Y2) ending at (X3, Y3).</summary>
        Curve,

        /// <summary>Arc around (X1, Y1) with radius X2 from angle Y2 to angle X3 (radians, clockwise in y-down space).</summary>
        Arc,

        /// <summary>Line back to the sub-path's start.</summary>
        Close,
    }

    /// <summary>Number of segments recorded.</summary>
    public int Count => segments.Count;

    /// <summary>The recorded segments, in order.</summary>
    internal IReadOnlyList<Segment> Segments => segments;

    /// <summary>Starts a new sub-path at (x, y).</summary>
    public CanvasPath MoveTo(double x, double y) => Add(new Segment(Kind.Move, Finite(x, nameof(x)), Finite(y, nameof(y)), 0, 0, 0, 0));

    /// <summary>Adds a straight line from the current point to (x, y).</summary>
    public CanvasPath LineTo(double x, double y) => Add(new Segment(Kind.Line, Finite(x, nameof(x)), Finite(y, nameof(y)), 0, 0, 0, 0));

    /// <summary>Adds a cubic Bézier curve with control points (x1, y1), (x2, y2) ending at (x3, y3).</summary>
    public CanvasPath CurveTo(double x1, double y1, double x2, double y2, double x3, double y3) =>
        Add(new Segment(Kind.Curve, Finite(x1, nameof(x1)), Finite(y1, nameof(y1)), Finite(x2, nameof(x2)), Finite(y2, nameof(y2)), Finite(x3, nameof(x3)), Finite(y3, nameof(y3))));

    /// <summary>Adds a circular arc around (cx, cy) from <paramref name="startAngle"/> to <paramref name="endAngle"/> (radians; increasing angles turn from +x towards +y).</summary>
    public CanvasPath Arc(double cx, double cy, double radius, double startAngle, double endAngle)
    {
        if (!(radius >= 0) || double.IsInfinity(radius))
        {
            throw new ArgumentOutOfRangeException(nameof(radius), radius, $"Arc radius must be a finite number >= 0, got {radius}.");
        }

        return Add(new Segment(Kind.Arc, Finite(cx, nameof(cx)), Finite(cy, nameof(cy)), radius, Finite(startAngle, nameof(startAngle)), Finite(endAngle, nameof(endAngle)), 0));
    }

    /// <summary>Closes the current sub-path with a line back to its start.</summary>
    public CanvasPath Close() => Add(new Segment(Kind.Close, 0, 0, 0, 0, 0, 0));

    /// <summary>Removes all segments so the path can be reused.</summary>
    public void Clear() => segments.Clear();

    private static double Finite(double v, string name) =>
        double.IsFinite(v) ? v : throw new ArgumentOutOfRangeException(name, v, $"Path coordinate {name} must be finite, got {v}.");

    private CanvasPath Add(Segment s)
    {
        segments.Add(s);
        return this;
    }

    /// <summary>One recorded segment; the meaning of the numbers depends on <see cref="Kind"/>.</summary>
    internal readonly record struct Segment(Kind Kind, double X1, double Y1, double X2, double Y2, double X3, double Y3);
}
