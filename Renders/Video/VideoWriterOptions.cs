namespace RlFramework.Renders.Video;

/// <summary>Options for <see cref="VideoWriter.Open(string, int, int, double, VideoWriterOptions)"/>.</summary>
public sealed record VideoWriterOptions
{
    /// <summary>Format; null picks it from the file extension (.gif or .mp4).</summary>
    public VideoFormat? Format { get; init; }

    /// <summary>GIF: how many times to repeat after the first play (NETSCAPE2.0 loop count); 0 loops forever, null writes no loop block (plays once).</summary>
    public int? GifLoopCount { get; init; } = 0;

    /// <summary>MP4: x264 constant rate factor, 0 (lossless) to 51; lower is better quality.</summary>
    public int Mp4Crf { get; init; } = 23;

    /// <summary>MP4: x264 preset (ultrafast … veryslow).</summary>
    public string Mp4Preset { get; init; } = "veryfast";

    /// <summary>MP4: odd widths/heights are padded with a black column/row to even (H.264 yuv420p needs even); false rejects them.</summary>
    public bool Mp4PadOddDimensions { get; init; } = true;

    /// <summary>MP4: path of the ffmpeg executable; null searches PATH.</summary>
    public string? FfmpegPath { get; init; }
}
