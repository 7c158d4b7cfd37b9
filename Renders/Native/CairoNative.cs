using System.Runtime.InteropServices;

namespace RlFramework.Renders.Native;

/// <summary>The slice of Cairo's C API the canvas uses. Call <see cref="CairoLibrary.EnsureLoaded"/> first.</summary>
#pragma warning disable SA1300, IDE1006 // C names kept as in cairo.h
internal static unsafe class CairoNative
{
    private const string Lib = CairoLibrary.ImportName;

    internal const int FormatArgb32 = 0;
    internal const int FormatRgb24 = 1;
    internal const int StatusSuccess = 0;
    internal const int StatusReadError = 10;
    internal const int StatusWriteError = 11;
    internal const int OperatorSource = 1;
    internal const int OperatorOver = 2;
    internal const int AntialiasDefault = 0;
    internal const int AntialiasNone = 1;
    internal const int AntialiasGray = 2;
    internal const int FontSlantNormal = 0;
    internal const int FontWeightNormal = 0;
    internal const int FontWeightBold = 1;

    [StructLayout(LayoutKind.Sequential)]
    internal struct TextExtents
    {
        public double XBearing;
        public double YBearing;
        public double Width;
        public double Height;
        public double XAdvance;
        public double YAdvance;
    }

    [DllImport(Lib)] internal static extern CairoSurfaceHandle cairo_image_surface_create(int format, int width, int height);
    [DllImport(Lib)] internal static extern CairoSurfaceHandle cairo_image_surface_create_for_data(byte* data, int format, int width, int height, int stride);
    [DllImport(Lib)] internal static extern int cairo_surface_status(CairoSurfaceHandle surface);
    [DllImport(Lib)] internal static extern void cairo_surface_destroy(IntPtr surface);
    [DllImport(Lib)] internal static extern void cairo_surface_flush(CairoSurfaceHandle surface);
    [DllImport(Lib)] internal static extern void cairo_surface_mark_dirty(CairoSurfaceHandle surface);
    [DllImport(Lib)] internal static extern byte* cairo_image_surface_get_data(CairoSurfaceHandle surface);
    [DllImport(Lib)] internal static extern int cairo_image_surface_get_width(CairoSurfaceHandle surface);
    [DllImport(Lib)] internal static extern int cairo_image_surface_get_height(CairoSurfaceHandle surface);
    [DllImport(Lib)] internal static extern int cairo_image_surface_get_stride(CairoSurfaceHandle surface);
    [DllImport(Lib)] internal static extern int cairo_image_surface_get_format(CairoSurfaceHandle surface);
    [DllImport(Lib)] internal static extern int cairo_format_stride_for_width(int format, int width);
    [DllImport(Lib)] internal static extern int cairo_surface_write_to_png_stream(CairoSurfaceHandle surface, delegate* unmanaged<IntPtr, byte*, uint, int> write, IntPtr closure);
    [DllImport(Lib)] internal static extern CairoSurfaceHandle cairo_image_surface_create_from_png_stream(delegate* unmanaged<IntPtr, byte*, uint, int> read, IntPtr closure);
    [DllImport(Lib)] internal static extern IntPtr cairo_status_to_string(int status);
    [DllImport(Lib)] internal static extern IntPtr cairo_version_string();

    [DllImport(Lib)] internal static extern CairoContextHandle cairo_create(CairoSurfaceHandle surface);
    [DllImport(Lib)] internal static extern void cairo_destroy(IntPtr cr);
    [DllImport(Lib)] internal static extern int cairo_status(CairoContextHandle cr);
    [DllImport(Lib)] internal static extern void cairo_save(CairoContextHandle cr);
    [DllImport(Lib)] internal static extern void cairo_restore(CairoContextHandle cr);
    [DllImport(Lib)] internal static extern void cairo_set_operator(CairoContextHandle cr, int op);
    [DllImport(Lib)] internal static extern void cairo_set_source_rgba(CairoContextHandle cr, double r, double g, double b, double a);
    [DllImport(Lib)] internal static extern void cairo_set_source_surface(CairoContextHandle cr, CairoSurfaceHandle surface, double x, double y);
    [DllImport(Lib)] internal static extern void cairo_set_antialias(CairoContextHandle cr, int antialias);
    [DllImport(Lib)] internal static extern void cairo_set_line_width(CairoContextHandle cr, double width);
    [DllImport(Lib)] internal static extern void cairo_set_line_cap(CairoContextHandle cr, int cap);
    [DllImport(Lib)] internal static extern void cairo_set_line_join(CairoContextHandle cr, int join);
    [DllImport(Lib)] internal static extern void cairo_paint(CairoContextHandle cr);
    [DllImport(Lib)] internal static extern void cairo_fill(CairoContextHandle cr);
    [DllImport(Lib)] internal static extern void cairo_stroke(CairoContextHandle cr);
    [DllImport(Lib)] internal static extern void cairo_new_path(CairoContextHandle cr);
    [DllImport(Lib)] internal static extern void cairo_new_sub_path(CairoContextHandle cr);
    [DllImport(Lib)] internal static extern void cairo_close_path(CairoContextHandle cr);
    [DllImport(Lib)] internal static extern void cairo_move_to(CairoContextHandle cr, double x, double y);
    [DllImport(Lib)] internal static extern void cairo_line_to(CairoContextHandle cr, double x, double y);
    [DllImport(Lib)] internal static extern void cairo_curve_to(CairoContextHandle cr, double x1, double y1, double x2, double y2, double x3, double y3);
    [DllImport(Lib)] internal static extern void cairo_arc(CairoContextHandle cr, double xc, double yc, double radius, double angle1, double angle2);
    [DllImport(Lib)] internal static extern void cairo_rectangle(CairoContextHandle cr, double x, double y, double width, double height);
    [DllImport(Lib)] internal static extern void cairo_translate(CairoContextHandle cr, double tx, double ty);
    [DllImport(Lib)] internal static extern void cairo_scale(CairoContextHandle cr, double sx, double sy);
    [DllImport(Lib)] internal static extern void cairo_rotate(CairoContextHandle cr, double angle);
    [DllImport(Lib)] internal static extern void cairo_identity_matrix(CairoContextHandle cr);
    [DllImport(Lib)] internal static extern void cairo_select_font_face(CairoContextHandle cr, byte* family, int slant, int weight);
    [DllImport(Lib)] internal static extern void cairo_set_font_size(CairoContextHandle cr, double size);
    [DllImport(Lib)] internal static extern void cairo_show_text(CairoContextHandle cr, byte* utf8);
    [DllImport(Lib)] internal static extern void cairo_text_extents(CairoContextHandle cr, byte* utf8, TextExtents* extents);
    [DllImport(Lib)] internal static extern IntPtr cairo_font_options_create();
    [DllImport(Lib)] internal static extern void cairo_font_options_destroy(IntPtr options);
    [DllImport(Lib)] internal static extern void cairo_font_options_set_antialias(IntPtr options, int antialias);
    [DllImport(Lib)] internal static extern void cairo_set_font_options(CairoContextHandle cr, IntPtr options);

    /// <summary>Cairo's text for a status code.</summary>
    internal static string StatusText(int status) => Marshal.PtrToStringUTF8(cairo_status_to_string(status)) ?? $"status {status}";

    /// <summary>Throws when a surface is in an error state.</summary>
    internal static void Check(CairoSurfaceHandle surface, string what)
    {
        var status = cairo_surface_status(surface);
        if (status != StatusSuccess)
        {
            throw new InvalidOperationException($"Cairo failed to {what}: {StatusText(status)}.");
        }
    }

    /// <summary>Throws when a context is in an error state.</summary>
    internal static void Check(CairoContextHandle cr, string what)
    {
        var status = cairo_status(cr);
        if (status != StatusSuccess)
        {
            throw new InvalidOperationException($"Cairo failed to {what}: {StatusText(status)}.");
        }
    }
}
#pragma warning restore SA1300, IDE1006
