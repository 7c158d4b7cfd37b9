using RlFramework.Renders.Video;

namespace RlFramework.Renders.Tests.Support;

/// <summary>A fact that is reported as skipped (with the reason) when ffmpeg/ffprobe are not on PATH.</summary>
public sealed class FfmpegFactAttribute : FactAttribute
{
    /// <summary>Sets Skip when ffmpeg or ffprobe is missing.</summary>
    public FfmpegFactAttribute()
    {
        if (!VideoWriter.IsAvailable(VideoFormat.Mp4) || Tools.Find("ffprobe") is null)
        {
            Skip = "SKIPPED: ffmpeg/ffprobe not on PATH (apt-get install ffmpeg) — MP4 checks not run.";
        }
    }
}
