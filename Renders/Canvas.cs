using RlFramework.Renders.Text;
using SkiaSharp;

namespace RlFramework.Renders;

/// <summary>
/// A 2D drawing surface over a SkiaSharp raster bitmap (BGRA, opaque, or premultiplied alpha when transparent).
/// Coordinates are pixels, origin top-left, y down; (x, y) addresses the pixel's top-left corner.
/// Draw, then copy the pixels out with <see cref="CopyTo(Frame)"/> (no allocation) or <see cref="ToFrame"/>.
/// Text uses the bundled DejaVu Sans (<see cref="BundledFonts"/>), never a system font. Not thread-safe.
/// </summary>
public sealed unsafe class Canvas : IDisposable
{
    /// <summary>Cairo's default miter limit, kept so joins look as they did.</summary>
    private const float MiterLimit = 10;

    private readonly SKBitmap bitmap;
    private readonly SKCanvas canvas;
    private readonly SKPaint fill = new() { Style = SKPaintStyle.Fill, IsAntialias = true };
    private readonly SKPaint stroke = new() { Style = SKPaintStyle.Stroke, IsAntialias = true, StrokeMiter = MiterLimit };
    private readonly SKPathBuilder builder = new();
    private readonly SKFont font = new(BundledFonts.Typeface(bold: false)) { Edging = SKFontEdging.Antialias, Subpixel = true };
    private readonly Stack<bool> antialiasStack = new();
    private bool antialias = true;
    private bool disposed;

    /// <summary>Creates a canvas of the given size, cleared to opaque black (or fully transparent).</summary>
    /// <param name="width">Width in pixels, 1–32767.</param>
    /// <param name="height">Height in pixels, 1–32767.</param>
    /// <param name="transparent">True for a surface with alpha; false for an opaque one.</param>
    public Canvas(int width, int height, bool transparent = false)
    {
        Guard.Size(width, height);
        var info = new SKImageInfo(width, height, SKColorType.Bgra8888, transparent ? SKAlphaType.Premul : SKAlphaType.Opaque);
        bitmap = new SKBitmap(info);
        if (bitmap.GetPixels() == IntPtr.Zero)
        {
            bitmap.Dispose();
            throw new InvalidOperationException($"Skia could not allocate a {width}×{height} bitmap.");
        }

        canvas = new SKCanvas(bitmap);
        canvas.Clear(transparent ? SKColors.Transparent : SKColors.Black);
        Width = width;
        Height = height;
        IsTransparent = transparent;
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>True when the surface has an alpha channel.</summary>
    public bool IsTransparent { get; }

    /// <summary>Anti-aliasing of shapes and text (default on). Off gives hard pixel edges.</summary>
    public bool Antialias
    {
        get => antialias;
        set
        {
            ThrowIfDisposed();
            ApplyAntialias(value);
        }
    }

    /// <summary>Replaces every pixel with <paramref name="color"/> (alpha kept on transparent canvases), ignoring transforms.</summary>
    public void Clear(Color color)
    {
        ThrowIfDisposed();
        canvas.Clear(ToSk(color));
    }

    /// <summary>Fills the rectangle with top-left (x, y) and the given size.</summary>
    public void FillRectangle(double x, double y, double width, double height, Color color)
    {
        ThrowIfDisposed();
        CheckFinite(x, y, width, height);
        canvas.DrawRect(SKRect.Create((float)x, (float)y, (float)width, (float)height).Standardized, Fill(color));
    }

    /// <summary>Outlines the rectangle with top-left (x, y) and the given size.</summary>
    public void StrokeRectangle(double x, double y, double width, double height, Color color, double lineWidth = 1)
    {
        ThrowIfDisposed();
        CheckFinite(x, y, width, height);
        canvas.DrawRect(SKRect.Create((float)x, (float)y, (float)width, (float)height).Standardized, Stroke(color, lineWidth));
    }

    /// <summary>Fills the circle of <paramref name="radius"/> around (cx, cy).</summary>
    public void FillCircle(double cx, double cy, double radius, Color color)
    {
        ThrowIfDisposed();
        CheckFinite(cx, cy, 0, 0);
        CheckRadius(radius);
        canvas.DrawCircle((float)cx, (float)cy, (float)radius, Fill(color));
    }

    /// <summary>Outlines the circle of <paramref name="radius"/> around (cx, cy).</summary>
    public void StrokeCircle(double cx, double cy, double radius, Color color, double lineWidth = 1)
    {
        ThrowIfDisposed();
        CheckFinite(cx, cy, 0, 0);
        CheckRadius(radius);
        canvas.DrawCircle((float)cx, (float)cy, (float)radius, Stroke(color, lineWidth));
    }

    /// <summary>Draws a straight line from (x1, y1) to (x2, y2).</summary>
    public void DrawLine(double x1, double y1, double x2, double y2, Color color, double lineWidth = 1)
    {
        ThrowIfDisposed();
        CheckFinite(x1, y1, x2, y2);
        canvas.DrawLine((float)x1, (float)y1, (float)x2, (float)y2, Stroke(color, lineWidth));
    }

    /// <summary>Draws connected line segments through <paramref name="points"/> (open; at least 2 points).</summary>
    public void DrawPolyline(ReadOnlySpan<(double X, double Y)> points, Color color, double lineWidth = 1)
    {
        ThrowIfDisposed();
        CheckPoints(points, 2, "A polyline");
        var paint = Stroke(color, lineWidth);
        AddPoints(points, close: false);
        DrawBuiltPath(paint);
    }

    /// <summary>Fills the polygon with the given corners (at least 3 points; non-zero winding).</summary>
    public void FillPolygon(ReadOnlySpan<(double X, double Y)> points, Color color)
    {
        ThrowIfDisposed();
        CheckPoints(points, 3, "A polygon");
        AddPoints(points, close: true);
        DrawBuiltPath(Fill(color));
    }

    /// <summary>Outlines the closed polygon with the given corners (at least 3 points).</summary>
    public void StrokePolygon(ReadOnlySpan<(double X, double Y)> points, Color color, double lineWidth = 1)
    {
        ThrowIfDisposed();
        CheckPoints(points, 3, "A polygon");
        var paint = Stroke(color, lineWidth);
        AddPoints(points, close: true);
        DrawBuiltPath(paint);
    }

    /// <summary>Fills <paramref name="path"/> (non-zero winding).</summary>
    public void FillPath(CanvasPath path, Color color)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(path);
        AddPath(path);
        DrawBuiltPath(Fill(color));
    }

    /// <summary>Strokes <paramref name="path"/> with the given line width.</summary>
    public void StrokePath(CanvasPath path, Color color, double lineWidth = 1)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(path);
        var paint = Stroke(color, lineWidth);
        AddPath(path);
        DrawBuiltPath(paint);
    }

    /// <summary>Draws <paramref name="text"/> with its baseline starting at (x, y), in the bundled font at <paramref name="size"/> pixels.</summary>
    public void DrawText(string text, double x, double y, double size, Color color, bool bold = false)
    {
        ThrowIfDisposed();
        CheckFinite(x, y, 0, 0);
        ArgumentNullException.ThrowIfNull(text);
        SetFont(size, bold);
        canvas.DrawText(text, (float)x, (float)y, SKTextAlign.Left, font, Fill(color));
    }

    /// <summary>The advance width and ink height of <paramref name="text"/> at <paramref name="size"/> pixels, e.g. to centre it.</summary>
    public (double Width, double Height) MeasureText(string text, double size, bool bold = false)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(text);
        SetFont(size, bold);
        float advance = font.MeasureText(text, out var bounds);
        return (advance, bounds.Height);
    }

    /// <summary>Moves the origin by (dx, dy) for subsequent drawing.</summary>
    public void Translate(double dx, double dy)
    {
        ThrowIfDisposed();
        CheckFinite(dx, nameof(dx));
        CheckFinite(dy, nameof(dy));
        canvas.Translate((float)dx, (float)dy);
    }

    /// <summary>Rotates subsequent drawing by <paramref name="radians"/> about the current origin (positive turns +x towards +y, i.e. clockwise on screen).</summary>
    public void Rotate(double radians)
    {
        ThrowIfDisposed();
        CheckFinite(radians, nameof(radians));
        canvas.RotateRadians((float)radians);
    }

    /// <summary>Scales subsequent drawing by (sx, sy); a negative factor mirrors (e.g. Scale(1, -1) for y-up).</summary>
    public void Scale(double sx, double sy)
    {
        ThrowIfDisposed();
        CheckScale(sx, nameof(sx));
        CheckScale(sy, nameof(sy));
        canvas.Scale((float)sx, (float)sy);
    }

    /// <summary>Resets the transform to identity (pixels, origin top-left).</summary>
    public void ResetTransform()
    {
        ThrowIfDisposed();
        canvas.ResetMatrix();
    }

    /// <summary>Pushes the transform and drawing state; pair with <see cref="Restore"/>.</summary>
    public void Save()
    {
        ThrowIfDisposed();
        canvas.Save();
        antialiasStack.Push(antialias);
    }

    /// <summary>Pops the state pushed by the matching <see cref="Save"/>.</summary>
    public void Restore()
    {
        ThrowIfDisposed();
        if (antialiasStack.Count == 0)
        {
            throw new InvalidOperationException("Canvas.Restore was called without a matching Save.");
        }

        canvas.Restore();
        ApplyAntialias(antialiasStack.Pop()); // Skia's saved state holds the matrix only; anti-aliasing lives in our paints.
    }

    /// <summary>Copies the pixels into <paramref name="frame"/> (same size), as RGB24; no allocation. Transparent canvases are composited over black.</summary>
    public void CopyTo(Frame frame)
    {
        ThrowIfDisposed();
        Frame.RequireSize(frame, Width, Height, "the canvas");
        // Premultiplied BGRA colour channels are exactly the picture composited over black.
        PixelConversion.BgraToRgb((byte*)bitmap.GetPixels(), bitmap.RowBytes, frame.Data, Width, Height);
    }

    /// <summary>A new frame with the current pixels.</summary>
    public Frame ToFrame()
    {
        var frame = new Frame(Width, Height);
        CopyTo(frame);
        return frame;
    }

    /// <summary>Writes the canvas as PNG (with alpha when transparent), atomically.</summary>
    public void SavePng(string path) => AtomicFile.WriteAllBytes(path, EncodePng());

    /// <summary>The canvas as a PNG file in memory (with alpha when transparent).</summary>
    public byte[] EncodePng()
    {
        ThrowIfDisposed();
        return Png.Encode(bitmap);
    }

    /// <summary>
    /// Draws <paramref name="frame"/> with its top-left corner at (x, y), each pixel a <paramref name="scale"/>×<paramref name="scale"/>
    /// block (nearest neighbour, no smoothing), under the current transform.
    /// </summary>
    public void DrawFrame(Frame frame, double x, double y, double scale = 1)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(frame);
        CheckFinite(x, y, 0, 0);
        CheckScale(scale, nameof(scale));
        using var source = Png.ToBitmap(frame);
        using var image = SKImage.FromBitmap(source);
        var target = SKRect.Create((float)x, (float)y, (float)(frame.Width * scale), (float)(frame.Height * scale));
        canvas.DrawImage(image, target, new SKSamplingOptions(SKFilterMode.Nearest), null);
    }

    /// <summary>Frees the Skia canvas, bitmap, paints and font.</summary>
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        canvas.Dispose();
        bitmap.Dispose();
        fill.Dispose();
        stroke.Dispose();
        builder.Dispose();
        font.Dispose();
    }

    private static SKColor ToSk(Color c) => new(c.R, c.G, c.B, c.A);

    private static void CheckFinite(double v, string name)
    {
        if (!double.IsFinite(v))
        {
            throw new ArgumentOutOfRangeException(name, v, $"{name} must be finite, got {v}.");
        }
    }

    private static void CheckScale(double v, string name)
    {
        if (!double.IsFinite(v) || v == 0)
        {
            throw new ArgumentOutOfRangeException(name, v, $"Scale factor {name} must be finite and non-zero, got {v}.");
        }
    }

    private static void CheckRadius(double radius)
    {
        if (!(radius >= 0) || double.IsInfinity(radius))
        {
            throw new ArgumentOutOfRangeException(nameof(radius), radius, $"Radius must be a finite number >= 0, got {radius}.");
        }
    }

    /// <summary>Non-finite coordinates would draw nothing or garbage, so reject them up front.</summary>
    private static void CheckFinite(double a, double b, double c, double d)
    {
        if (!double.IsFinite(a) || !double.IsFinite(b) || !double.IsFinite(c) || !double.IsFinite(d))
        {
            throw new ArgumentOutOfRangeException(nameof(a), $"Coordinates and sizes must be finite, got ({a}, {b}, {c}, {d}).");
        }
    }

    private static void CheckPoints(ReadOnlySpan<(double X, double Y)> points, int min, string what)
    {
        if (points.Length < min)
        {
            throw new ArgumentException($"{what} needs at least {min} points, got {points.Length}.", nameof(points));
        }

        for (var i = 0; i < points.Length; i++)
        {
            if (!double.IsFinite(points[i].X) || !double.IsFinite(points[i].Y))
            {
                throw new ArgumentOutOfRangeException(nameof(points), $"Point {i} must be finite, got ({points[i].X}, {points[i].Y}).");
            }
        }
    }

    private void ApplyAntialias(bool value)
    {
        antialias = value;
        fill.IsAntialias = value;
        stroke.IsAntialias = value;
        font.Edging = value ? SKFontEdging.Antialias : SKFontEdging.Alias;
    }

    private SKPaint Fill(Color c)
    {
        fill.Color = ToSk(c);
        return fill;
    }

    private SKPaint Stroke(Color c, double lineWidth)
    {
        if (!(lineWidth > 0) || double.IsInfinity(lineWidth))
        {
            throw new ArgumentOutOfRangeException(nameof(lineWidth), lineWidth, $"Line width must be a finite number > 0, got {lineWidth}.");
        }

        stroke.Color = ToSk(c);
        stroke.StrokeWidth = (float)lineWidth;
        return stroke;
    }

    private void SetFont(double size, bool bold)
    {
        if (!(size > 0) || double.IsInfinity(size))
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, $"Font size must be a finite number > 0 (pixels), got {size}.");
        }

        font.Typeface = BundledFonts.Typeface(bold);
        font.Size = (float)size;
    }

    /// <summary>Draws the builder's path with <paramref name="paint"/> and leaves the builder empty.</summary>
    private void DrawBuiltPath(SKPaint paint)
    {
        using var path = builder.Detach();
        canvas.DrawPath(path, paint);
    }

    private void AddPoints(ReadOnlySpan<(double X, double Y)> points, bool close)
    {
        builder.Reset();
        builder.MoveTo((float)points[0].X, (float)points[0].Y);
        for (var i = 1; i < points.Length; i++)
        {
            builder.LineTo((float)points[i].X, (float)points[i].Y);
        }

        if (close)
        {
            builder.Close();
        }
    }

    private void AddPath(CanvasPath path)
    {
        builder.Reset();
        foreach (var s in path.Segments)
        {
            switch (s.Kind)
            {
                case CanvasPath.Kind.Move:
                    builder.MoveTo((float)s.X1, (float)s.Y1);
                    break;
                case CanvasPath.Kind.Line:
                    builder.LineTo((float)s.X1, (float)s.Y1);
                    break;
                case CanvasPath.Kind.Curve:
                    builder.CubicTo((float)s.X1, (float)s.Y1, (float)s.X2, (float)s.Y2, (float)s.X3, (float)s.Y3);
                    break;
                case CanvasPath.Kind.Arc:
                    AddArc(s.X1, s.Y1, s.X2, s.Y2, s.X3);
                    break;
                case CanvasPath.Kind.Close:
                    builder.Close();
                    break;
            }
        }
    }

    /// <summary>
    /// An arc as Cairo's <c>cairo_arc</c> draws it: a line from the current point (if any) to the start, then the arc in the
    /// direction of increasing angle; an end angle below the start is raised by whole turns. Split into half turns at most,
    /// since Skia treats a sweep of a full turn or more as a single turn.
    /// </summary>
    private void AddArc(double cx, double cy, double radius, double start, double end)
    {
        while (end < start)
        {
            end += 2 * Math.PI;
        }

        var oval = new SKRect((float)(cx - radius), (float)(cy - radius), (float)(cx + radius), (float)(cy + radius));
        do
        {
            double sweep = Math.Min(end - start, Math.PI);
            builder.ArcTo(oval, (float)(start * 180 / Math.PI), (float)(sweep * 180 / Math.PI), forceMoveTo: false);
            start += sweep;
        }
        while (end - start > 1e-12);
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(disposed, this);
}
