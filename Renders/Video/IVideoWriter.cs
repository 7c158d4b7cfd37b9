namespace RlFramework.Renders.Video;

/// <summary>
/// Streams frames into a video file: each <see cref="WriteFrame(Frame)"/> encodes (or hands off) the frame at once,
/// nothing is held for the whole episode. The file appears under <see cref="Path"/> only when <see cref="Close"/>
/// (or <see cref="IDisposable.Dispose"/>) succeeds; until then it is written under a temporary name.
/// A writer closed with no frames leaves no file.
/// </summary>
public interface IVideoWriter : IDisposable
{
    /// <summary>The final file path.</summary>
    string Path { get; }

    /// <summary>The file format.</summary>
    VideoFormat Format { get; }

    /// <summary>Width every frame must have, in pixels.</summary>
    int Width { get; }

    /// <summary>Height every frame must have, in pixels.</summary>
    int Height { get; }

    /// <summary>Playback rate in frames per second.</summary>
    double Fps { get; }

    /// <summary>Frames written so far.</summary>
    int FrameCount { get; }

    /// <summary>True once closed (successfully or not) or aborted.</summary>
    bool IsClosed { get; }

    /// <summary>Appends one frame; it must be <see cref="Width"/> × <see cref="Height"/>.</summary>
    void WriteFrame(Frame frame);

    /// <summary>Finishes the file and moves it to <see cref="Path"/>; calling it again does nothing.</summary>
    void Close();

    /// <summary>Stops writing and deletes the partial file; <see cref="Path"/> is left untouched.</summary>
    void Abort();
}
