using SkiaSharp;

namespace RlFramework.Renders;

/// <summary>PNG files for frames, through Skia's PNG encoder and decoder.</summary>
public static unsafe class Png
{
    /// <summary>Writes <paramref name="frame"/> to <paramref name="path"/> as an RGB PNG, atomically (temp file, fsync, rename).</summary>
    public static void Save(Frame frame, string path) => AtomicFile.WriteAllBytes(path, Encode(frame));

    /// <summary>The PNG file (RGB) of <paramref name="frame"/>, in memory.</summary>
    public static byte[] Encode(Frame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        using var bitmap = ToBitmap(frame);
        return Encode(bitmap);
    }

    /// <summary>Reads a PNG file into a new RGB frame; transparent pixels are composited over black.</summary>
    public static Frame Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"PNG file '{path}' does not exist.", path);
        }

        return Decode(File.ReadAllBytes(path), $"'{path}'");
    }

    /// <summary>Decodes PNG bytes into a new RGB frame; transparent pixels are composited over black.</summary>
    public static Frame Decode(byte[] png) => Decode(png, "the data");

    /// <summary>A new opaque BGRA bitmap with the frame's pixels (caller disposes).</summary>
    internal static SKBitmap ToBitmap(Frame frame)
    {
        var bitmap = new SKBitmap(new SKImageInfo(frame.Width, frame.Height, SKColorType.Bgra8888, SKAlphaType.Opaque));
        PixelConversion.RgbToBgrx(frame.Data, (byte*)bitmap.GetPixels(), bitmap.RowBytes, frame.Width, frame.Height);
        bitmap.NotifyPixelsChanged();
        return bitmap;
    }

    /// <summary>Encodes a bitmap as PNG: RGB when opaque, RGBA otherwise.</summary>
    internal static byte[] Encode(SKBitmap bitmap)
    {
        using var pixmap = bitmap.PeekPixels();
        using var data = pixmap.Encode(SKEncodedImageFormat.Png, 100)
            ?? throw new InvalidOperationException($"Skia could not encode the {bitmap.Width}×{bitmap.Height} image as PNG.");
        return data.ToArray();
    }

    private static Frame Decode(byte[] png, string what)
    {
        ArgumentNullException.ThrowIfNull(png);
        using var stream = new MemoryStream(png, writable: false);
        using var codec = SKCodec.Create(stream, out var result);
        if (codec is null || codec.EncodedFormat != SKEncodedImageFormat.Png)
        {
            var why = codec is null ? $"Skia says {result}" : $"it is {codec.EncodedFormat}, not PNG";
            throw new InvalidDataException($"Could not read {what} as a PNG image: {why}.");
        }

        // Premultiplied BGRA colour channels are exactly the image composited over black.
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Bgra8888, SKAlphaType.Premul);
        using var bitmap = new SKBitmap(info);
        var decoded = codec.GetPixels(info, bitmap.GetPixels());
        if (decoded != SKCodecResult.Success)
        {
            var why = decoded == SKCodecResult.IncompleteInput ? "the file ends early (truncated)" : $"Skia says {decoded}";
            throw new InvalidDataException($"Could not read {what} as a PNG image: {why}.");
        }

        var frame = new Frame(info.Width, info.Height);
        PixelConversion.BgraToRgb((byte*)bitmap.GetPixels(), bitmap.RowBytes, frame.Data, info.Width, info.Height);
        return frame;
    }
}
