using RlFramework.Envs.Physics;
using RlFramework.Renders;

namespace RlFramework.Envs.FunnelBoard;

/// <summary>Funnel Board's picture: 6 px per world unit, camera centred at (0, −0.5), with the trace of the previous frame.</summary>
public sealed partial class FunnelBoardEnv
{
    /// <summary>Pixels per world unit.</summary>
    public const int PixelsPerUnit = 6;

    private const double CameraY = -0.5;
    private static readonly Color BallColor = Rgb(0, 0, 1), ObstacleColor = Rgb(0, 0, 0), Background = Rgb(1, 1, 1);

    private readonly short[] _previousGray = new short[FrameHeight * FrameWidth];
    private Canvas? _canvas;
    private Frame? _raw;
    private int _grayFrame = -1;
    private FunnelCourse? _outlinedCourse;
    private readonly List<(double X, double Y)[]> _outlines = [];

    /// <inheritdoc/>
    protected override void DrawFrame(int index, byte[] rgb)
    {
        if (index > 0 && _grayFrame != index - 1) DrawFrame(index - 1, rgb);
        var course = _course ?? throw new InvalidOperationException($"{Name}: call Reset first.");
        var canvas = _canvas ??= new Canvas(FrameWidth, FrameHeight);
        var raw = _raw ??= new Frame(FrameWidth, FrameHeight);
        var position = _ball[index];
        canvas.Clear(Background);
        var ball = ToPixels(position);
        canvas.FillCircle(ball.X, ball.Y, FunnelCourse.BallRadius * PixelsPerUnit, BallColor);
        if (_outlinedCourse != course)
        {
            _outlines.Clear();
            foreach (var outline in course.Outlines) _outlines.Add([.. outline.Select(p => ToPixels(p)).Select(p => (p.X, p.Y))]);
            _outlinedCourse = course;
        }
        foreach (var outline in _outlines) canvas.FillPolygon(outline, ObstacleColor);
        canvas.CopyTo(raw);
        ApplyTrace(raw.Data, index == 0, _previousGray, rgb);
        _grayFrame = index;
    }

    /// <summary>
    /// Copies <paramref name="raw"/> into <paramref name="rgb"/> with the trace of the previous frame: with g the
    /// (truncated) mean of R, G, B and d = g(t) − g(t−1), R −= clip(d, 0, 255) and G += clip(d, −255, 0). The first frame has
    /// no trace. <paramref name="previousGray"/> holds g(t−1) and receives g(t).
    /// </summary>
    internal static void ApplyTrace(ReadOnlySpan<byte> raw, bool first, Span<short> previousGray, Span<byte> rgb)
    {
        for (int p = 0, o = 0; p < previousGray.Length; p++, o += 3)
        {
            short gray = (short)((raw[o] + raw[o + 1] + raw[o + 2]) / 3);
            int d = first ? 0 : gray - previousGray[p];
            previousGray[p] = gray;
            rgb[o] = (byte)Math.Clamp(raw[o] - Math.Max(d, 0), 0, 255);
            rgb[o + 1] = (byte)Math.Clamp(raw[o + 1] + Math.Min(d, 0), 0, 255);
            rgb[o + 2] = raw[o + 2];
        }
    }

    private static Vec2 ToPixels(Vec2 world) =>
        new((world.X + FunnelCourse.HalfWidth) * PixelsPerUnit, (FunnelCourse.HalfHeight - (world.Y - CameraY)) * PixelsPerUnit);

    /// <inheritdoc/>
    protected override void OnClose() => _canvas?.Dispose();
}
