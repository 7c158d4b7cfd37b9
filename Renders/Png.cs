using System.Runtime.InteropServices;
using RlFramework.Renders.Native;

namespace RlFramework.Renders;

/// <summary>PNG files for frames, through Cairo's PNG reader and writer (needs libcairo).</summary>
public static unsafe class Png
{
    /// <summary>Writes <paramref name="frame"/> to <paramref name="path"/> as an RGB PNG, atomically (temp file, fsync, rename).</summary>
    public static void Save(Frame frame, string path)
    {
        ArgumentNullException.ThrowIfNull(frame);
        CairoLibrary.EnsureLoaded();
        using var surface = CairoNative.cairo_image_surface_create(CairoNative.FormatRgb24, frame.Width, frame.Height);
        CairoNative.Check(surface, $"create a {frame.Width}×{frame.Height} image");
        CairoNative.cairo_surface_flush(surface);
        var data = CairoNative.cairo_image_surface_get_data(surface);
        var stride = CairoNative.cairo_image_surface_get_stride(surface);
        PixelConversion.RgbToBgrx(frame.Data, data, stride, frame.Width, frame.Height);
        CairoNative.cairo_surface_mark_dirty(surface);
        WriteSurface(surface, path);
    }

    /// <summary>Reads a PNG file into a new RGB frame; transparent pixels are composited over black.</summary>
    public static Frame Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        CairoLibrary.EnsureLoaded();
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"PNG file '{path}' does not exist.", path);
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        var state = new StreamState(stream);
        var gc = GCHandle.Alloc(state);
        CairoSurfaceHandle loaded;
        try
        {
            loaded = CairoNative.cairo_image_surface_create_from_png_stream(&ReadCallback, GCHandle.ToIntPtr(gc));
        }
        finally
        {
            gc.Free();
        }

        using (loaded)
        {
            var status = CairoNative.cairo_surface_status(loaded);
            if (status != CairoNative.StatusSuccess)
            {
                var why = state.Error?.Message ?? CairoNative.StatusText(status);
                throw new InvalidDataException($"Could not read '{path}' as a PNG image: {why}.", state.Error);
            }

            return ToFrame(loaded);
        }
    }

    /// <summary>Copies any Cairo image surface into a new RGB frame (over black).</summary>
    internal static Frame ToFrame(CairoSurfaceHandle surface)
    {
        var width = CairoNative.cairo_image_surface_get_width(surface);
        var height = CairoNative.cairo_image_surface_get_height(surface);
        var format = CairoNative.cairo_image_surface_get_format(surface);
        var frame = new Frame(width, height);
        if (format is CairoNative.FormatRgb24 or CairoNative.FormatArgb32)
        {
            // Premultiplied ARGB32 colour channels are exactly the image composited over black.
            CairoNative.cairo_surface_flush(surface);
            PixelConversion.BgraToRgb(CairoNative.cairo_image_surface_get_data(surface), CairoNative.cairo_image_surface_get_stride(surface), frame.Data, width, height);
            return frame;
        }

        using var rgb = CairoNative.cairo_image_surface_create(CairoNative.FormatRgb24, width, height);
        CairoNative.Check(rgb, $"create a {width}×{height} image");
        using (var cr = CairoNative.cairo_create(rgb))
        {
            CairoNative.cairo_set_source_rgba(cr, 0, 0, 0, 1);
            CairoNative.cairo_paint(cr);
            CairoNative.cairo_set_source_surface(cr, surface, 0, 0);
            CairoNative.cairo_paint(cr);
            CairoNative.Check(cr, "convert the PNG image to RGB");
        }

        CairoNative.cairo_surface_flush(rgb);
        PixelConversion.BgraToRgb(CairoNative.cairo_image_surface_get_data(rgb), CairoNative.cairo_image_surface_get_stride(rgb), frame.Data, width, height);
        return frame;
    }

    /// <summary>Writes a surface as PNG to <paramref name="path"/> atomically.</summary>
    internal static void WriteSurface(CairoSurfaceHandle surface, string path)
    {
        var file = AtomicFile.Begin(path);
        FileStream? fs = null;
        try
        {
            fs = file.OpenWrite();
            var state = new StreamState(fs);
            var gc = GCHandle.Alloc(state);
            int status;
            try
            {
                status = CairoNative.cairo_surface_write_to_png_stream(surface, &WriteCallback, GCHandle.ToIntPtr(gc));
            }
            finally
            {
                gc.Free();
            }

            if (status != CairoNative.StatusSuccess)
            {
                var why = state.Error?.Message ?? CairoNative.StatusText(status);
                throw new IOException($"Could not write PNG '{path}': {why}.", state.Error);
            }

            file.Commit(fs);
            fs = null;
        }
        catch
        {
            file.Abort(fs);
            throw;
        }
    }

    [UnmanagedCallersOnly]
    private static int WriteCallback(IntPtr closure, byte* data, uint length)
    {
        var state = (StreamState)GCHandle.FromIntPtr(closure).Target!;
        try
        {
            state.Stream.Write(new ReadOnlySpan<byte>(data, checked((int)length)));
            return CairoNative.StatusSuccess;
        }
        catch (Exception e)
        {
            state.Error = e;
            return CairoNative.StatusWriteError;
        }
    }

    [UnmanagedCallersOnly]
    private static int ReadCallback(IntPtr closure, byte* data, uint length)
    {
        var state = (StreamState)GCHandle.FromIntPtr(closure).Target!;
        try
        {
            state.Stream.ReadExactly(new Span<byte>(data, checked((int)length)));
            return CairoNative.StatusSuccess;
        }
        catch (EndOfStreamException)
        {
            state.Error ??= new EndOfStreamException("the file ends early (truncated or not a PNG)");
            return CairoNative.StatusReadError;
        }
        catch (Exception e)
        {
            state.Error = e;
            return CairoNative.StatusReadError;
        }
    }

    private sealed class StreamState(Stream stream)
    {
        public Stream Stream { get; } = stream;

        public Exception? Error { get; set; }
    }
}
