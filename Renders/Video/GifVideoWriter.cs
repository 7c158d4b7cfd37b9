using System.Buffers.Binary;

namespace RlFramework.Renders.Video;

/// <summary>
/// Animated GIF89a encoder, streaming: each frame is quantised (exact palette when it has ≤ 256 colours,
/// else median cut), cropped to the rectangle that changed since the previous frame, LZW-coded and written.
/// The first frame's palette is the global colour table; later frames reuse it when all their colours are in it,
/// otherwise carry a local table. Delays are in centiseconds from <see cref="Fps"/>, rounded so that the
/// running total stays exact (e.g. 30 fps → 3, 4, 3, 3, 4, 3 … cs). Above 50 fps some delays fall below 2 cs,
/// which most browsers and viewers stretch to 10 cs, so such GIFs play slower than real time.
/// </summary>
public sealed class GifVideoWriter : IVideoWriter
{
    private readonly AtomicFile file;
    private readonly int? loopCount;
    private readonly GifQuantizer quantizer = new();
    private readonly GifLzwEncoder lzw = new();
    private readonly GifColorMap globalMap = new();
    private readonly byte[] previous;
    private readonly byte[] indices;
    private readonly byte[] remap = new byte[256];
    private readonly byte[] table = new byte[256 * 3];
    private FileStream? stream;
    private bool headerWritten;
    private int globalBits;

    /// <summary>Opens <paramref name="path"/> (written under a temp name until closed) for frames of the given size.</summary>
    /// <param name="path">Destination file.</param>
    /// <param name="width">Frame width in pixels.</param>
    /// <param name="height">Frame height in pixels.</param>
    /// <param name="fps">Frames per second, &gt; 0 (GIF delays are whole centiseconds, at most 65535).</param>
    /// <param name="loopCount">Repeats after the first play; 0 = forever; null = no loop block (play once).</param>
    public GifVideoWriter(string path, int width, int height, double fps, int? loopCount = 0)
    {
        Guard.Size(width, height);
        Guard.Fps(fps);
        if (100.0 / fps > ushort.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(fps), fps, $"GIF frame delays are at most {ushort.MaxValue} cs, so fps must be at least {100.0 / ushort.MaxValue:G4}; got {fps}.");
        }

        if (loopCount is < 0 or > ushort.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(loopCount), loopCount, $"GIF loop count must be 0 (forever) to {ushort.MaxValue}, or null for no looping; got {loopCount}.");
        }

        file = AtomicFile.Begin(path);
        Path = file.FinalPath;
        Width = width;
        Height = height;
        Fps = fps;
        this.loopCount = loopCount;
        previous = new byte[width * height * 3];
        indices = new byte[width * height];
        stream = file.OpenWrite();
    }

    /// <inheritdoc />
    public string Path { get; }

    /// <inheritdoc />
    public VideoFormat Format => VideoFormat.Gif;

    /// <inheritdoc />
    public int Width { get; }

    /// <inheritdoc />
    public int Height { get; }

    /// <inheritdoc />
    public double Fps { get; }

    /// <inheritdoc />
    public int FrameCount { get; private set; }

    /// <inheritdoc />
    public bool IsClosed => stream is null;

    /// <summary>Frames (after the first) that needed their own local colour table.</summary>
    public int LocalPaletteCount { get; private set; }

    /// <inheritdoc />
    public void WriteFrame(Frame frame)
    {
        ObjectDisposedException.ThrowIf(stream is null, this);
        Frame.RequireSize(frame, Width, Height, "the GIF writer");
        try
        {
            WriteFrameCore(frame.Data);
        }
        catch
        {
            Abort();
            throw;
        }
    }

    /// <inheritdoc />
    public void Close()
    {
        if (stream is null)
        {
            return;
        }

        var s = stream;
        stream = null;
        if (FrameCount == 0)
        {
            file.Abort(s);
            return;
        }

        try
        {
            s.WriteByte(0x3B); // trailer
            file.Commit(s);
        }
        catch
        {
            file.Abort(s);
            throw;
        }
    }

    /// <inheritdoc />
    public void Abort()
    {
        var s = stream;
        stream = null;
        file.Abort(s);
    }

    /// <summary>Closes the file (see <see cref="Close"/>).</summary>
    public void Dispose() => Close();

    /// <summary>The delay of frame <paramref name="index"/> in centiseconds for the given fps (running total rounded).</summary>
    internal static int DelayCentiseconds(long index, double fps) =>
        (int)(Math.Round(100.0 * (index + 1) / fps, MidpointRounding.AwayFromZero) - Math.Round(100.0 * index / fps, MidpointRounding.AwayFromZero));

    private static int TableBits(int count)
    {
        var bits = 1;
        while ((1 << bits) < count)
        {
            bits++;
        }

        return bits;
    }

    private void WriteFrameCore(byte[] rgb)
    {
        var s = stream!;
        int x0 = 0, y0 = 0, w = Width, h = Height;
        if (headerWritten && !ChangedRectangle(rgb, out x0, out y0, out w, out h))
        {
            // Identical frame: a 1×1 patch keeps the frame (and its delay) in the animation.
            x0 = 0;
            y0 = 0;
            w = 1;
            h = 1;
        }

        var stride = Width * 3;
        quantizer.Quantize(rgb, stride, x0, y0, w, h, indices);
        var count = quantizer.Count;
        var palette = quantizer.Palette;

        var useGlobal = false;
        if (!headerWritten)
        {
            WriteHeader(s, palette, count);
            useGlobal = true;
        }
        else if (quantizer.IsExact)
        {
            useGlobal = true;
            for (var i = 0; i < count; i++)
            {
                if (!globalMap.TryGet(palette[i], out remap[i]))
                {
                    useGlobal = false;
                    break;
                }
            }

            if (useGlobal)
            {
                var span = indices.AsSpan(0, w * h);
                for (var i = 0; i < span.Length; i++)
                {
                    span[i] = remap[span[i]];
                }
            }
        }

        // Graphic Control Extension: disposal 1 (leave in place), no transparency, delay.
        var delay = DelayCentiseconds(FrameCount, Fps);
        Span<byte> gce = [0x21, 0xF9, 0x04, 1 << 2, (byte)delay, (byte)(delay >> 8), 0, 0];
        s.Write(gce);

        Span<byte> descriptor = stackalloc byte[10];
        descriptor[0] = 0x2C;
        BinaryPrimitives.WriteUInt16LittleEndian(descriptor[1..], (ushort)x0);
        BinaryPrimitives.WriteUInt16LittleEndian(descriptor[3..], (ushort)y0);
        BinaryPrimitives.WriteUInt16LittleEndian(descriptor[5..], (ushort)w);
        BinaryPrimitives.WriteUInt16LittleEndian(descriptor[7..], (ushort)h);
        int bits;
        if (useGlobal)
        {
            descriptor[9] = 0;
            bits = globalBits;
            s.Write(descriptor);
        }
        else
        {
            bits = TableBits(count);
            descriptor[9] = (byte)(0x80 | (bits - 1));
            s.Write(descriptor);
            WriteTable(s, palette, count, bits);
            LocalPaletteCount++;
        }

        lzw.Encode(indices.AsSpan(0, w * h), Math.Max(2, bits), s);

        // Remember the changed rows for the next frame's diff.
        var rows = rgb.AsSpan(y0 * stride, h * stride);
        rows.CopyTo(previous.AsSpan(y0 * stride));
        FrameCount++;
    }

    private void WriteHeader(Stream s, int[] palette, int count)
    {
        globalBits = TableBits(count);
        Span<byte> header = stackalloc byte[13];
        "GIF89a"u8.CopyTo(header);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], (ushort)Width);
        BinaryPrimitives.WriteUInt16LittleEndian(header[8..], (ushort)Height);
        header[10] = (byte)(0x80 | (7 << 4) | (globalBits - 1)); // global table, 8-bit colour resolution
        header[11] = 0; // background colour index
        header[12] = 0; // no aspect ratio
        s.Write(header);
        WriteTable(s, palette, count, globalBits);
        globalMap.Clear();
        for (var i = 0; i < count; i++)
        {
            globalMap.Add(palette[i], (byte)i);
        }

        if (loopCount is { } loops)
        {
            Span<byte> app = [0x21, 0xFF, 0x0B, .. "NETSCAPE2.0"u8, 0x03, 0x01, (byte)loops, (byte)(loops >> 8), 0x00];
            s.Write(app);
        }

        headerWritten = true;
    }

    private void WriteTable(Stream s, int[] palette, int count, int bits)
    {
        var size = 1 << bits;
        var t = table.AsSpan(0, size * 3);
        t.Clear();
        for (var i = 0; i < count; i++)
        {
            t[i * 3] = (byte)(palette[i] >> 16);
            t[(i * 3) + 1] = (byte)(palette[i] >> 8);
            t[(i * 3) + 2] = (byte)palette[i];
        }

        s.Write(t);
    }

    /// <summary>The bounding rectangle of pixels that differ from the previous frame; false when none do.</summary>
    private bool ChangedRectangle(byte[] rgb, out int x0, out int y0, out int w, out int h)
    {
        var stride = Width * 3;
        var cur = rgb.AsSpan();
        var prev = previous.AsSpan();
        var top = 0;
        while (top < Height && cur.Slice(top * stride, stride).SequenceEqual(prev.Slice(top * stride, stride)))
        {
            top++;
        }

        if (top == Height)
        {
            x0 = y0 = w = h = 0;
            return false;
        }

        var bottom = Height - 1;
        while (cur.Slice(bottom * stride, stride).SequenceEqual(prev.Slice(bottom * stride, stride)))
        {
            bottom--;
        }

        var left = stride;   // in bytes
        var right = -1;      // in bytes, inclusive
        for (var y = top; y <= bottom; y++)
        {
            var a = cur.Slice(y * stride, stride);
            var b = prev.Slice(y * stride, stride);
            var prefix = a[..left].CommonPrefixLength(b[..left]);
            if (prefix < left)
            {
                left = prefix;
            }

            if (!a[(right + 1)..].SequenceEqual(b[(right + 1)..]))
            {
                for (var i = stride - 1; i > right; i--)
                {
                    if (a[i] != b[i])
                    {
                        right = i;
                        break;
                    }
                }
            }
        }

        x0 = left / 3;
        var x1 = right / 3;
        y0 = top;
        w = x1 - x0 + 1;
        h = bottom - top + 1;
        return true;
    }
}
