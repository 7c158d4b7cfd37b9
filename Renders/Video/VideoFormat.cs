namespace RlFramework.Renders.Video;

/// <summary>Container/codec of a video file.</summary>
public enum VideoFormat
{
    /// <summary>Animated GIF89a, encoded in-process (no dependencies); loops forever by default.</summary>
    Gif,

    /// <summary>MP4 with H.264 (yuv420p), encoded by an ffmpeg process found on PATH.</summary>
    Mp4,
}
