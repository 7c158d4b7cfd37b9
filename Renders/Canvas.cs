using System.Text;
using RlFramework.Renders.Native;

namespace RlFramework.Renders;

/// <summary>
/// A 2D drawing surface over a Cairo image surface (RGB24, or ARGB32 when transparent).
/// Coordinates are pixels, origin top-left, y down; (x, y) addresses the pixel's top-left corner.
/// Draw, then copy the pixels out with <see cref="CopyTo(Frame)"/> (no allocation) or <see cref="ToFrame"/>.
/// Needs libcairo (loaded on first use). Not thread-safe.
/// </summary>
public sealed unsafe class Canvas : IDisposable
{
    private const string DefaultFont = "sans-serif";

    private readonly CairoSurfaceHandle surface;
    private readonly CairoContextHandle cr;
    private readonly Stack<bool> antialiasStack = new();
    private byte[] textBuffer = new byte[256];
    private bool antialias = true;
    private bool disposed;

    /// <summary>Creates a canvas of the given size, cleared to opaque black (or fully transparent).</summary>
    /// <param name="width">Width in pixels, 1–32767.</param>
    /// <param name="height">Height in pixels, 1–32767.</param>
    /// <param name="transparent">True for an ARGB32 surface with alpha; false for opaque RGB24.</param>
    public Canvas(int width, int height, bool transparent = false)
    {
        Guard.Size(width, height);
        CairoLibrary.EnsureLoaded();
        surface = CairoNative.cairo_image_surface_create(transparent ? CairoNative.FormatArgb32 : CairoNative.FormatRgb24, width, height);
        CairoNative.Check(surface, $"create a {width}×{height} image surface");
        cr = CairoNative.cairo_create(surface);
        CairoNative.Check(cr, "create a drawing context");
        Width = width;
        Height = height;
        IsTransparent = transparent;
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>True when the surface has an alpha channel (ARGB32).</summary>
    public bool IsTransparent { get; }

    /// <summary>Anti-aliasing of shapes and text (default on). Off gives hard pixel edges.</summary>
    public bool Antialias
    {
        get => antialias;
        set
        {
            ThrowIfDisposed();
            antialias = value;
            var mode = value ? CairoNative.AntialiasDefault : CairoNative.AntialiasNone;
            CairoNative.cairo_set_antialias(cr, mode);
            var options = CairoNative.cairo_font_options_create();
            try
            {
                CairoNative.cairo_font_options_set_antialias(options, value ? CairoNative.AntialiasGray : CairoNative.AntialiasNone);
                CairoNative.cairo_set_font_options(cr, options);
            }
            finally
            {
                CairoNative.cairo_font_options_destroy(options);
            }
        }
    }

    /// <summary>Replaces every pixel with <paramref name="color"/> (alpha kept on transparent canvases), ignoring transforms.</summary>
    public void Clear(Color color)
    {
        ThrowIfDisposed();
        CairoNative.cairo_save(cr);
        CairoNative.cairo_identity_matrix(cr);
        CairoNative.cairo_set_operator(cr, CairoNative.OperatorSource);
        SetColor(color);
        CairoNative.cairo_paint(cr);
        CairoNative.cairo_restore(cr);
    }

    /// <summary>Fills the rectangle with top-left (x, y) and the given size.</summary>
    public void FillRectangle(double x, double y, double width, double height, Color color)
    {
        ThrowIfDisposed();
        CheckFinite(x, y, width, height);
        SetColor(color);
        CairoNative.cairo_rectangle(cr, x, y, width, height);
        CairoNative.cairo_fill(cr);
    }

    /// <summary>Outlines the rectangle with top-left (x, y) and the given size.</summary>
    public void StrokeRectangle(double x, double y, double width, double height, Color color, double lineWidth = 1)
    {
        ThrowIfDisposed();
        CheckFinite(x, y, width, height);
        SetStroke(color, lineWidth);
        CairoNative.cairo_rectangle(cr, x, y, width, height);
        CairoNative.cairo_stroke(cr);
    }

    /// <summary>Fills the circle of <paramref name="radius"/> around (cx, cy).</summary>
    public void FillCircle(double cx, double cy, double radius, Color color)
    {
        ThrowIfDisposed();
        CheckFinite(cx, cy, 0, 0);
        CheckRadius(radius);
        SetColor(color);
        CairoNative.cairo_new_sub_path(cr);
        CairoNative.cairo_arc(cr, cx, cy, radius, 0, 2 * Math.PI);
        CairoNative.cairo_fill(cr);
    }

    /// <summary>Outlines the circle of <paramref name="radius"/> around (cx, cy).</summary>
    public void StrokeCircle(double cx, double cy, double radius, Color color, double lineWidth = 1)
    {
        ThrowIfDisposed();
        CheckFinite(cx, cy, 0, 0);
        CheckRadius(radius);
        SetStroke(color, lineWidth);
        CairoNative.cairo_new_sub_path(cr);
        CairoNative.cairo_arc(cr, cx, cy, radius, 0, 2 * Math.PI);
        CairoNative.cairo_stroke(cr);
    }

    /// <summary>Draws a straight line from (x1, y1) to (x2, y2).</summary>
    public void DrawLine(double x1, double y1, double x2, double y2, Color color, double lineWidth = 1)
    {
        ThrowIfDisposed();
        CheckFinite(x1, y1, x2, y2);
        SetStroke(color, lineWidth);
        CairoNative.cairo_move_to(cr, x1, y1);
        CairoNative.cairo_line_to(cr, x2, y2);
        CairoNative.cairo_stroke(cr);
    }

    /// <summary>Draws connected line segments through <paramref name="points"/> (open; at least 2 points).</summary>
    public void DrawPolyline(ReadOnlySpan<(double X, double Y)> points, Color color, double lineWidth = 1)
    {
        ThrowIfDisposed();
        CheckPoints(points, 2, "A polyline");
        SetStroke(color, lineWidth);
        AddPoints(points, close: false);
        CairoNative.cairo_stroke(cr);
    }

    /// <summary>Fills the polygon with the given corners (at least 3 points; non-zero winding).</summary>
    public void FillPolygon(ReadOnlySpan<(double X, double Y)> points, Color color)
    {
        ThrowIfDisposed();
        CheckPoints(points, 3, "A polygon");
        SetColor(color);
        AddPoints(points, close: true);
        CairoNative.cairo_fill(cr);
    }

    /// <summary>Outlines the closed polygon with the given corners (at least 3 points).</summary>
    public void StrokePolygon(ReadOnlySpan<(double X, double Y)> points, Color color, double lineWidth = 1)
    {
        ThrowIfDisposed();
        CheckPoints(points, 3, "A polygon");
        SetStroke(color, lineWidth);
        AddPoints(points, close: true);
        CairoNative.cairo_stroke(cr);
    }

    /// <summary>Fills <paramref name="path"/> (non-zero winding).</summary>
    public void FillPath(CanvasPath path, Color color)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(path);
        SetColor(color);
        AddPath(path);
        CairoNative.cairo_fill(cr);
    }

    /// <summary>Strokes <paramref name="path"/> with the given line width.</summary>
    public void StrokePath(CanvasPath path, Color color, double lineWidth = 1)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(path);
        SetStroke(color, lineWidth);
        AddPath(path);
        CairoNative.cairo_stroke(cr);
    }

    /// <summary>Draws <paramref name="text"/> with its baseline starting at (x, y), in a font of <paramref name="size"/> pixels.</summary>
    public void DrawText(string text, double x, double y, double size, Color color, string fontFamily = DefaultFont, bool bold = false)
    {
        ThrowIfDisposed();
        CheckFinite(x, y, 0, 0);
        ArgumentNullException.ThrowIfNull(text);
        SetFont(size, fontFamily, bold);
        SetColor(color);
        CairoNative.cairo_move_to(cr, x, y);
        fixed (byte* p = Utf8(text))
        {
            CairoNative.cairo_show_text(cr, p);
        }

        CairoNative.cairo_new_path(cr);
    }

    /// <summary>The advance width and ink height of <paramref name="text"/> at <paramref name="size"/> pixels, e.g. to centre it.</summary>
    public (double Width, double Height) MeasureText(string text, double size, string fontFamily = DefaultFont, bool bold = false)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(text);
        SetFont(size, fontFamily, bold);
        CairoNative.TextExtents extents = default;
        fixed (byte* p = Utf8(text))
        {
            CairoNative.cairo_text_extents(cr, p, &extents);
        }

        return (extents.XAdvance, extents.Height);
    }

    /// <summary>Moves the origin by (dx, dy) for subsequent drawing.</summary>
    public void Translate(double dx, double dy)
    {
        ThrowIfDisposed();
        CheckFinite(dx, nameof(dx));
        CheckFinite(dy, nameof(dy));
        CairoNative.cairo_translate(cr, dx, dy);
    }

    /// <summary>Rotates subsequent drawing by <paramref name="radians"/> about the current origin (positive turns +x towards +y, i.e. clockwise on screen).</summary>
    public void Rotate(double radians)
    {
        ThrowIfDisposed();
        CheckFinite(radians, nameof(radians));
        CairoNative.cairo_rotate(cr, radians);
    }

    /// <summary>Scales subsequent drawing by (sx, sy); a negative factor mirrors (e.g. Scale(1, -1) for y-up).</summary>
    public void Scale(double sx, double sy)
    {
        ThrowIfDisposed();
        CheckScale(sx, nameof(sx));
        CheckScale(sy, nameof(sy));
        CairoNative.cairo_scale(cr, sx, sy);
    }

    /// <summary>Resets the transform to identity (pixels, origin top-left).</summary>
    public void ResetTransform()
    {
        ThrowIfDisposed();
        CairoNative.cairo_identity_matrix(cr);
    }

    /// <summary>Pushes the transform and drawing state; pair with <see cref="Restore"/>.</summary>
    public void Save()
    {
        ThrowIfDisposed();
        CairoNative.cairo_save(cr);
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

        CairoNative.cairo_restore(cr); // Cairo restores its own antialias and font options with the state.
        antialias = antialiasStack.Pop();
    }

    /// <summary>Copies the pixels into <paramref name="frame"/> (same size), as RGB24; no allocation. Transparent canvases are composited over black.</summary>
    public void CopyTo(Frame frame)
    {
        ThrowIfDisposed();
        Guard.SameSize(frame, Width, Height, "the canvas");
        CairoNative.Check(cr, "draw");
        CairoNative.cairo_surface_flush(surface);
        var data = CairoNative.cairo_image_surface_get_data(surface);
        var stride = CairoNative.cairo_image_surface_get_stride(surface);
        PixelConversion.BgraToRgb(data, stride, frame.Data, Width, Height);
    }

    /// <summary>A new frame with the current pixels.</summary>
    public Frame ToFrame()
    {
        var frame = new Frame(Width, Height);
        CopyTo(frame);
        return frame;
    }

    /// <summary>Writes the canvas as PNG (with alpha when transparent), atomically.</summary>
    public void SavePng(string path)
    {
        ThrowIfDisposed();
        CairoNative.Check(cr, "draw");
        CairoNative.cairo_surface_flush(surface);
        Png.WriteSurface(surface, path);
    }

    /// <summary>Frees the Cairo context and surface.</summary>
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        cr.Dispose();
        surface.Dispose();
    }

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

    /// <summary>Cairo puts a context into a permanent error state on non-finite input, so reject it up front.</summary>
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

    /// <summary>Encodes <paramref name="text"/> as NUL-terminated UTF-8 into the reusable buffer.</summary>
    private byte[] Utf8(string text)
    {
        var count = Encoding.UTF8.GetMaxByteCount(text.Length) + 1;
        if (textBuffer.Length < count)
        {
            textBuffer = new byte[Math.Max(count, textBuffer.Length * 2)];
        }

        var n = Encoding.UTF8.GetBytes(text, textBuffer);
        textBuffer[n] = 0;
        return textBuffer;
    }

    private void SetColor(Color c) =>
        CairoNative.cairo_set_source_rgba(cr, c.R / 255.0, c.G / 255.0, c.B / 255.0, c.A / 255.0);

    private void SetStroke(Color c, double lineWidth)
    {
        if (!(lineWidth > 0) || double.IsInfinity(lineWidth))
        {
            throw new ArgumentOutOfRangeException(nameof(lineWidth), lineWidth, $"Line width must be a finite number > 0, got {lineWidth}.");
        }

        SetColor(c);
        CairoNative.cairo_set_line_width(cr, lineWidth);
    }

    private void SetFont(double size, string fontFamily, bool bold)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fontFamily);
        if (!(size > 0) || double.IsInfinity(size))
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, $"Font size must be a finite number > 0 (pixels), got {size}.");
        }

        fixed (byte* p = Utf8(fontFamily))
        {
            CairoNative.cairo_select_font_face(cr, p, CairoNative.FontSlantNormal, bold ? CairoNative.FontWeightBold : CairoNative.FontWeightNormal);
        }

        CairoNative.cairo_set_font_size(cr, size);
    }

    private void AddPoints(ReadOnlySpan<(double X, double Y)> points, bool close)
    {
        CairoNative.cairo_new_path(cr);
        CairoNative.cairo_move_to(cr, points[0].X, points[0].Y);
        for (var i = 1; i < points.Length; i++)
        {
            CairoNative.cairo_line_to(cr, points[i].X, points[i].Y);
        }

        if (close)
        {
            CairoNative.cairo_close_path(cr);
        }
    }

    private void AddPath(CanvasPath path)
    {
        CairoNative.cairo_new_path(cr);
        foreach (var s in path.Segments)
        {
            switch (s.Kind)
            {
                case CanvasPath.Kind.Move:
                    CairoNative.cairo_move_to(cr, s.X1, s.Y1);
                    break;
                case CanvasPath.Kind.Line:
                    CairoNative.cairo_line_to(cr, s.X1, s.Y1);
                    break;
                case CanvasPath.Kind.Curve:
                    CairoNative.cairo_curve_to(cr, s.X1, s.Y1, s.X2, s.Y2, s.X3, s.Y3);
                    break;
                case CanvasPath.Kind.Arc:
                    CairoNative.cairo_arc(cr, s.X1, s.Y1, s.X2, s.Y2, s.X3);
                    break;
                case CanvasPath.Kind.Close:
                    CairoNative.cairo_close_path(cr);
                    break;
            }
        }
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(disposed, this);
}
