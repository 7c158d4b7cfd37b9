namespace RlFramework.Renders;

/// <summary>
/// An RGB24 image: <see cref="Width"/> × <see cref="Height"/> × 3 bytes, row-major, top row first,
/// R,G,B per pixel — the layout of Gymnasium's rgb_array (an (H, W, 3) uint8 array).
/// </summary>
public sealed class Frame
{
    /// <summary>Creates a black frame.</summary>
    public Frame(int width, int height)
    {
        Guard.Size(width, height);
        Width = width;
        Height = height;
        Data = new byte[checked(width * height * 3)];
    }

    /// <summary>Wraps existing RGB24 bytes (not copied); <paramref name="data"/> must hold exactly width·height·3 bytes.</summary>
    public Frame(int width, int height, byte[] data)
    {
        Guard.Size(width, height);
        ArgumentNullException.ThrowIfNull(data);
        var expected = (long)width * height * 3;
        if (data.Length != expected)
        {
            throw new ArgumentException($"RGB data for {width}×{height} must be {expected} bytes (width × height × 3), got {data.Length}.", nameof(data));
        }

        Width = width;
        Height = height;
        Data = data;
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>The pixels: R,G,B bytes, row after row (stride = 3·Width, no padding).</summary>
    public byte[] Data { get; }

    /// <summary>The shape as Gymnasium reports it: (height, width, 3).</summary>
    public (int Height, int Width, int Channels) Shape => (Height, Width, 3);

    /// <summary>The pixels of row <paramref name="y"/> (3·Width bytes).</summary>
    public Span<byte> Row(int y)
    {
        if ((uint)y >= (uint)Height)
        {
            throw new ArgumentOutOfRangeException(nameof(y), y, $"Row must be in [0, {Height}).");
        }

        return Data.AsSpan(y * Width * 3, Width * 3);
    }

    /// <summary>The colour at (x, y); (0, 0) is the top-left pixel.</summary>
    public Color GetPixel(int x, int y)
    {
        var i = Index(x, y);
        return new Color(Data[i], Data[i + 1], Data[i + 2]);
    }

    /// <summary>Sets the colour at (x, y); alpha is ignored.</summary>
    public void SetPixel(int x, int y, Color color)
    {
        var i = Index(x, y);
        Data[i] = color.R;
        Data[i + 1] = color.G;
        Data[i + 2] = color.B;
    }

    /// <summary>Sets every pixel to <paramref name="color"/> (alpha ignored).</summary>
    public void Fill(Color color)
    {
        var span = Data.AsSpan();
        if (color.R == color.G && color.G == color.B)
        {
            span.Fill(color.R);
            return;
        }

        var row = Row(0);
        for (var x = 0; x < Width; x++)
        {
            row[x * 3] = color.R;
            row[(x * 3) + 1] = color.G;
            row[(x * 3) + 2] = color.B;
        }

        for (var y = 1; y < Height; y++)
        {
            row.CopyTo(span[(y * Width * 3)..]);
        }
    }

    /// <summary>A deep copy.</summary>
    public Frame Clone() => new(Width, Height, (byte[])Data.Clone());

    /// <summary>Copies the pixels into <paramref name="destination"/>, which must have the same size.</summary>
    public void CopyTo(Frame destination)
    {
        RequireSize(destination, Width, Height, "this frame");
        Data.AsSpan().CopyTo(destination.Data);
    }

    /// <summary>Checks that <paramref name="frame"/> is <paramref name="width"/>×<paramref name="height"/>, the size of <paramref name="what"/>.</summary>
    internal static void RequireSize(Frame frame, int width, int height, string what)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (frame.Width != width || frame.Height != height)
        {
            throw new ArgumentException($"Frame is {frame.Width}×{frame.Height} but {what} is {width}×{height}.", nameof(frame));
        }
    }

    /// <summary>True when both frames have the same size and identical pixels.</summary>
    public bool ContentEquals(Frame? other) =>
        other is not null && other.Width == Width && other.Height == Height && Data.AsSpan().SequenceEqual(other.Data);

    /// <summary>Writes the frame as a PNG file (atomically: temp file, fsync, rename).</summary>
    public void SavePng(string path) => Png.Save(this, path);

    /// <summary>Reads a PNG file into a new frame (transparent pixels are composited over black).</summary>
    public static Frame LoadPng(string path) => Png.Load(path);

    /// <inheritdoc />
    public override string ToString() => $"Frame {Width}×{Height} RGB24";

    private int Index(int x, int y)
    {
        if ((uint)x >= (uint)Width)
        {
            throw new ArgumentOutOfRangeException(nameof(x), x, $"x must be in [0, {Width}).");
        }

        if ((uint)y >= (uint)Height)
        {
            throw new ArgumentOutOfRangeException(nameof(y), y, $"y must be in [0, {Height}).");
        }

        return ((y * Width) + x) * 3;
    }
}
