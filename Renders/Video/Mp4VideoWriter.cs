using System.Diagnostics;
using System.Globalization;

namespace RlFramework.Renders.Video;

/// <summary>
/// MP4 (H.264, yuv420p) writer that pipes raw rgb24 frames into an ffmpeg process as they come.
/// H.264 in yuv420p needs even dimensions: odd ones are padded with a black column/row on the right/bottom
/// (or rejected, see <see cref="VideoWriterOptions.Mp4PadOddDimensions"/>). Needs ffmpeg (apt-get install ffmpeg).
/// </summary>
public sealed class Mp4VideoWriter : IVideoWriter
{
    private static readonly string[] Presets = ["ultrafast", "superfast", "veryfast", "faster", "fast", "medium", "slow", "slower", "veryslow"];

    private readonly AtomicFile file;
    private readonly Process process;
    private readonly Stream input;
    private readonly Queue<string> errorLines = new();
    private bool closed;

    /// <summary>Starts ffmpeg writing to a temp file next to <paramref name="path"/>.</summary>
    /// <param name="path">Destination .mp4 file.</param>
    /// <param name="width">Frame width in pixels.</param>
    /// <param name="height">Frame height in pixels.</param>
    /// <param name="fps">Frames per second, &gt; 0.</param>
    /// <param name="options">Encoder options (CRF, preset, padding, ffmpeg path); null for defaults.</param>
    public Mp4VideoWriter(string path, int width, int height, double fps, VideoWriterOptions? options = null)
    {
        options ??= new VideoWriterOptions();
        Guard.Size(width, height);
        Guard.Fps(fps);
        if (options.Mp4Crf is < 0 or > 51)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Mp4Crf, $"Mp4Crf must be 0–51, got {options.Mp4Crf}.");
        }

        if (!Presets.Contains(options.Mp4Preset))
        {
            throw new ArgumentException($"Mp4Preset '{options.Mp4Preset}' is not an x264 preset; expected one of {string.Join(", ", Presets)}.", nameof(options));
        }

        if ((width % 2 != 0 || height % 2 != 0) && !options.Mp4PadOddDimensions)
        {
            throw new ArgumentException($"MP4 (H.264, yuv420p) needs even width and height, got {width}×{height}; use an even size or set Mp4PadOddDimensions.", nameof(width));
        }

        var ffmpeg = Ffmpeg.Resolve(options.FfmpegPath);
        Width = width;
        Height = height;
        Fps = fps;
        EncodedWidth = width + (width % 2);
        EncodedHeight = height + (height % 2);
        file = AtomicFile.Begin(path);
        Path = file.FinalPath;

        var info = new ProcessStartInfo(ffmpeg)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            CreateNoWindow = true,
        };
        var rate = fps.ToString("R", CultureInfo.InvariantCulture);
        string[] args =
        [
            "-hide_banner", "-loglevel", "error", "-y",
            "-f", "rawvideo", "-pix_fmt", "rgb24", "-video_size", $"{width}x{height}", "-framerate", rate, "-i", "pipe:0",
            "-an",
        ];
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        if (EncodedWidth != width || EncodedHeight != height)
        {
            info.ArgumentList.Add("-vf");
            info.ArgumentList.Add($"pad={EncodedWidth}:{EncodedHeight}:0:0:black");
        }

        string[] output =
        [
            "-c:v", "libx264", "-preset", options.Mp4Preset, "-crf", options.Mp4Crf.ToString(CultureInfo.InvariantCulture),
            "-pix_fmt", "yuv420p", "-r", rate, "-movflags", "+faststart", "-f", "mp4", file.TempPath,
        ];
        foreach (var a in output)
        {
            info.ArgumentList.Add(a);
        }

        process = new Process { StartInfo = info };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (errorLines)
            {
                errorLines.Enqueue(e.Data);
                if (errorLines.Count > 40)
                {
                    errorLines.Dequeue();
                }
            }
        };
        process.OutputDataReceived += (_, _) => { };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            process.Dispose();
            throw new MissingDependencyException("ffmpeg", Ffmpeg.InstallCommand, $"Could not start ffmpeg at '{ffmpeg}': {e.Message}. Install it (Debian/Ubuntu: {Ffmpeg.InstallCommand}) or record GIF instead.");
        }

        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        input = process.StandardInput.BaseStream;
    }

    /// <inheritdoc />
    public string Path { get; }

    /// <inheritdoc />
    public VideoFormat Format => VideoFormat.Mp4;

    /// <inheritdoc />
    public int Width { get; }

    /// <inheritdoc />
    public int Height { get; }

    /// <summary>Width of the encoded video (Width rounded up to even).</summary>
    public int EncodedWidth { get; }

    /// <summary>Height of the encoded video (Height rounded up to even).</summary>
    public int EncodedHeight { get; }

    /// <inheritdoc />
    public double Fps { get; }

    /// <inheritdoc />
    public int FrameCount { get; private set; }

    /// <inheritdoc />
    public bool IsClosed => closed;

    /// <inheritdoc />
    public void WriteFrame(Frame frame)
    {
        ObjectDisposedException.ThrowIf(closed, this);
        Frame.RequireSize(frame, Width, Height, "the MP4 writer");
        try
        {
            input.Write(frame.Data);
            input.Flush();
        }
        catch (IOException e)
        {
            closed = true;
            var exit = Shutdown(TimeSpan.FromSeconds(5));
            file.Abort();
            throw new InvalidOperationException($"ffmpeg stopped accepting frames at frame {FrameCount} (exit code {exit}): {ErrorText()}", e);
        }

        FrameCount++;
    }

    /// <inheritdoc />
    public void Close()
    {
        if (closed)
        {
            return;
        }

        closed = true;
        var exit = Shutdown(Timeout.InfiniteTimeSpan);
        if (FrameCount == 0)
        {
            file.Abort();
            return;
        }

        if (exit != 0)
        {
            file.Abort();
            throw new InvalidOperationException($"ffmpeg failed with exit code {exit} writing '{Path}': {ErrorText()}");
        }

        try
        {
            file.Commit();
        }
        catch
        {
            file.Abort();
            throw;
        }
    }

    /// <inheritdoc />
    public void Abort()
    {
        if (closed)
        {
            return;
        }

        closed = true;
        Shutdown(TimeSpan.Zero);
        file.Abort();
    }

    /// <summary>Closes the file (see <see cref="Close"/>).</summary>
    public void Dispose() => Close();

    /// <summary>Closes ffmpeg's input, waits up to <paramref name="grace"/> for it to exit (then kills it), drains stderr, returns the exit code.</summary>
    private int Shutdown(TimeSpan grace)
    {
        try
        {
            input.Dispose();
        }
        catch (IOException)
        {
            // ffmpeg already gone; its exit code and stderr say why.
        }

        if (grace != Timeout.InfiniteTimeSpan && !process.WaitForExit(grace))
        {
            try
            {
                process.Kill();
            }
            catch (InvalidOperationException)
            {
                // exited in between
            }
        }

        process.WaitForExit(); // also waits for the stderr reader to finish
        var exit = process.ExitCode;
        process.Dispose();
        return exit;
    }

    private string ErrorText()
    {
        lock (errorLines)
        {
            return errorLines.Count == 0 ? "(no message from ffmpeg)" : string.Join(Environment.NewLine, errorLines);
        }
    }
}
