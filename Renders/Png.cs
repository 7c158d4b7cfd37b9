using SkiaSharp;

namespace RlFramework.Renders;

/// <summary>PNG files for frames, through Skia's PNG encoder and decoder.</summary>
public static unsafe class Png
{
    /// <summary>Writes <paramref name="frame"/> to <paramref name="path"/> as an RGB PNG, atomically (temp file, fsync, rename).</summary>
    public static void Save(Frame frame, string path)
    {
        ArgumentNullException.ThrowIfNull(frame);
        using var bitmap = new SKBitmap(new SKImageInfo(frame.Width, frame.Height, SKColorType.Bgra8888, SKAlphaType.Opaque));
        PixelConversion.RgbToBgrx(frame.Data, (byte*)bitmap.GetPixels(), bitmap.RowBytes, frame.Width, frame.Height);
        bitmap.NotifyPixelsChanged();
        WriteBitmap(bitmap, path);
    }

    /// <summary>Reads a PNG file into a new RGB frame; transparent pixels are composited over black.</summary>
    public static Frame Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"PNG file '{path}' does not exist.", path);
        }

        using var codec = SKCodec.Create(path, out var result);
        if (codec is null || codec.EncodedFormat != SKEncodedImageFormat.Png)
        {
            var why = codec is null ? result.ToString() : $"it is {codec.EncodedFormat}, not PNG";
            throw new InvalidDataException($"Could not read '{path}' as a PNG image: {why}.");
        }

        // Premultiplied BGRA colour channels are exactly the image composited over black.
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Bgra8888, SKAlphaType.Premul);
        using var bitmap = new SKBitmap(info);
        var decoded = codec.GetPixels(info, bitmap.GetPixels());
        if (decoded != SKCodecResult.Success)
        {
            throw new InvalidDataException($"Could not read '{path}' as a PNG image: {(decoded == SKCodecResult.IncompleteInput ? "the file ends early (truncated)" : decoded.ToString())}.");
        }

        var frame = new Frame(info.Width, info.Height);
        PixelConversion.BgraToRgb((byte*)bitmap.GetPixels(), bitmap.RowBytes, frame.Data, info.Width, info.Height);
        return frame;
    }

    /// <summary>Encodes a bitmap as PNG (RGB when opaque, RGBA otherwise) and writes it to <paramref name="path"/> atomically.</summary>
    internal static void WriteBitmap(SKBitmap bitmap, string path)
    {
        using var pixmap = bitmap.PeekPixels();
        using var data = pixmap.Encode(SKEncodedImageFormat.Png, 100)
            ?? throw new InvalidOperationException($"Skia could not encode the {bitmap.Width}×{bitmap.Height} image as PNG for '{path}'.");
        var file = AtomicFile.Begin(path);
        FileStream? fs = null;
        try
        {
            fs = file.OpenWrite();
            fs.Write(data.AsSpan());
            file.Commit(fs);
            fs = null;
        }
        catch
        {
            file.Abort(fs);
            throw;
        }
    }
}
