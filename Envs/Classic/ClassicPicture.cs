using RlFramework.Renders;

namespace RlFramework.Envs.Classic;

/// <summary>
/// Drawing as Gymnasium's classic-control envs draw with pygame: shapes in a y-up world of pixels, flipped onto the
/// picture at the end (here: each y becomes <c>height − y</c>), rectangles rotated as <c>Vector2.rotate_rad</c> turns them.
/// </summary>
internal sealed class ClassicPicture(int width, int height) : IDisposable
{
    private readonly Canvas _canvas = new(width, height);

    /// <summary>The canvas, for shapes drawn in picture coordinates.</summary>
    public Canvas Canvas => _canvas;

    /// <summary>The picture's y of the y-up coordinate <paramref name="y"/>.</summary>
    public double Flip(double y) => height - y;

    /// <summary>(x, y) turned by <paramref name="angle"/> radians counter-clockwise (pygame's <c>rotate_rad</c>).</summary>
    public static (double X, double Y) Rotate(double x, double y, double angle)
    {
        var (sin, cos) = Math.SinCos(angle);
        return (x * cos - y * sin, x * sin + y * cos);
    }

    /// <summary>
    /// Fills the rectangle [left, right] × [bottom, top] turned by <paramref name="angle"/> about the origin and moved to
    /// (<paramref name="x"/>, <paramref name="y"/>), all in y-up coordinates.
    /// </summary>
    public void FillTurnedRectangle(double left, double right, double top, double bottom, double angle, double x, double y, Color color)
    {
        Span<(double X, double Y)> corners = stackalloc (double, double)[4];
        ReadOnlySpan<(double X, double Y)> box = [(left, bottom), (left, top), (right, top), (right, bottom)];
        for (int i = 0; i < 4; i++)
        {
            var (rx, ry) = Rotate(box[i].X, box[i].Y, angle);
            corners[i] = (rx + x, Flip(ry + y));
        }
        _canvas.FillPolygon(corners, color);
    }

    /// <summary>Fills a circle around the y-up point (x, y).</summary>
    public void FillCircle(double x, double y, double radius, Color color) => _canvas.FillCircle(x, Flip(y), radius, color);

    /// <summary>Copies the picture into <paramref name="frame"/>.</summary>
    public void CopyTo(Frame frame) => _canvas.CopyTo(frame);

    /// <inheritdoc/>
    public void Dispose() => _canvas.Dispose();
}
