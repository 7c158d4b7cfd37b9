namespace RlFramework.Renders.Video;

/// <summary>Opens the right <see cref="IVideoWriter"/> for a file name or format.</summary>
public static class VideoWriter
{
    /// <summary>Opens a writer for <paramref name="path"/>; the format comes from <paramref name="format"/> or else the extension (.gif, .mp4).</summary>
    public static IVideoWriter Open(string path, int width, int height, double fps, VideoFormat? format = null) =>
        Open(path, width, height, fps, new VideoWriterOptions { Format = format });

    /// <summary>Opens a writer for <paramref name="path"/> with options; the format comes from the options or else the extension.</summary>
    public static IVideoWriter Open(string path, int width, int height, double fps, VideoWriterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var format = options.Format ?? FormatFromPath(path);
        return format switch
        {
            VideoFormat.Gif => new GifVideoWriter(path, width, height, fps, options.GifLoopCount),
            VideoFormat.Mp4 => new Mp4VideoWriter(path, width, height, fps, options),
            _ => throw new ArgumentOutOfRangeException(nameof(options), format, $"Unknown video format {format}; expected Gif or Mp4."),
        };
    }

    /// <summary>The format for a file extension: .gif → Gif, .mp4 → Mp4 (case-insensitive).</summary>
    public static VideoFormat FormatFromPath(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var ext = System.IO.Path.GetExtension(path);
        return ext.ToLowerInvariant() switch
        {
            ".gif" => VideoFormat.Gif,
            ".mp4" => VideoFormat.Mp4,
            _ => throw new ArgumentException($"Cannot tell the video format of '{path}' from its extension '{ext}'; expected .gif or .mp4, or pass the format explicitly.", nameof(path)),
        };
    }

    /// <summary>The file extension for a format, with the dot (".gif", ".mp4").</summary>
    public static string Extension(VideoFormat format) => format switch
    {
        VideoFormat.Gif => ".gif",
        VideoFormat.Mp4 => ".mp4",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Expected Gif or Mp4."),
    };

    /// <summary>True when the format can be written on this machine (GIF always; MP4 when ffmpeg is on PATH).</summary>
    public static bool IsAvailable(VideoFormat format) => format switch
    {
        VideoFormat.Gif => true,
        VideoFormat.Mp4 => Ffmpeg.FindOnPath("ffmpeg") is not null,
        _ => false,
    };
}
