using RlFramework.Renders;
using RlFramework.Renders.Video;

namespace RlFramework.Envs.Wrappers;

/// <summary>
/// Records videos of episodes from the env's rgb_array renders, with Gymnasium's semantics: an episode trigger
/// (default <see cref="VideoSchedules.CappedCubic"/>) starts <c>{prefix}-episode-{id}</c> at Reset, a step trigger
/// starts <c>{prefix}-step-{id}</c> at Step; a video of length 0 runs until the next Reset, otherwise it stops once it
/// holds more than <c>videoLength</c> frames. Frames stream to the file as they come; the file appears complete when
/// the video ends (or on Close/Dispose). The format follows <see cref="VideoFormat"/> (GIF by default, MP4 with ffmpeg).
/// </summary>
/// <typeparam name="TObs">The observation type.</typeparam>
/// <typeparam name="TAct">The action type.</typeparam>
public sealed class RecordVideo<TObs, TAct> : Wrapper<TObs, TAct>, IVideoRecorder where TObs : notnull where TAct : notnull
{
    private readonly Func<int, bool>? _episodeTrigger, _stepTrigger;
    private readonly List<string> _videos = [];
    private IVideoWriter? _writer;
    private string? _videoName;

    /// <summary>Wraps <paramref name="env"/>, which must have been made with the rgb_array render mode.</summary>
    /// <param name="env">The env to record.</param>
    /// <param name="videoFolder">Where the videos go (created if missing).</param>
    /// <param name="episodeTrigger">Which episode ids start a video; default capped cubic unless a step trigger is given.</param>
    /// <param name="stepTrigger">Which step ids (counted over all episodes) start a video.</param>
    /// <param name="videoLength">Frames per video beyond the first; 0 records until the next Reset.</param>
    /// <param name="namePrefix">The file name prefix.</param>
    /// <param name="fps">Playback frame rate; default the env's render fps, else 30.</param>
    /// <param name="format">GIF (default, no dependency) or MP4 (needs ffmpeg on PATH).</param>
    /// <exception cref="ArgumentException">The env does not render rgb_array frames, or an argument is out of range.</exception>
    public RecordVideo(IEnv<TObs, TAct> env, string videoFolder, Func<int, bool>? episodeTrigger = null, Func<int, bool>? stepTrigger = null,
        int videoLength = 0, string namePrefix = "rl-video", double? fps = null, VideoFormat format = VideoFormat.Gif) : base(env)
    {
        if (env.RenderMode != Envs.RenderMode.RgbArray)
        {
            throw new ArgumentException(
                $"RecordVideo needs an env that renders rgb_array frames; {env} has render mode '{env.RenderMode ?? "none"}'. Make it with renderMode: \"rgb_array\".",
                nameof(env));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(videoFolder);
        if (videoLength < 0) throw new ArgumentOutOfRangeException(nameof(videoLength), videoLength, "The video length must be 0 (until reset) or positive.");
        if (fps is <= 0 || fps is double.NaN) throw new ArgumentOutOfRangeException(nameof(fps), fps, "fps must be positive.");
        if (format == VideoFormat.Mp4 && !VideoWriter.IsAvailable(VideoFormat.Mp4))
            throw new MissingDependencyException("ffmpeg", "apt-get install ffmpeg", "RecordVideo was asked for MP4, which needs ffmpeg on PATH: apt-get install ffmpeg (or use the GIF format).");
        _episodeTrigger = episodeTrigger ?? (stepTrigger is null ? VideoSchedules.CappedCubic : null);
        _stepTrigger = stepTrigger;
        VideoLength = videoLength;
        NamePrefix = namePrefix;
        Format = format;
        if (fps is null && env.Metadata.RenderFps is null)
            EnvLog.Warn($"{env} declares no render fps; RecordVideo plays its videos at 30 fps. Pass fps to set it.");
        Fps = fps ?? env.Metadata.RenderFps ?? 30;
        VideoFolder = Path.GetFullPath(videoFolder);
        if (Directory.Exists(VideoFolder) && Directory.EnumerateFiles(VideoFolder, $"*{VideoWriter.Extension(format)}").Any())
            EnvLog.Warn($"Overwriting existing videos at {VideoFolder}; use another folder to keep them.");
        Directory.CreateDirectory(VideoFolder);
    }

    /// <summary>The folder the videos go to.</summary>
    public string VideoFolder { get; }
    /// <summary>Frames per video beyond the first (0: until the next Reset).</summary>
    public int VideoLength { get; }
    /// <summary>The file name prefix.</summary>
    public string NamePrefix { get; }
    /// <summary>The playback frame rate.</summary>
    public double Fps { get; }
    /// <summary>The video format.</summary>
    public VideoFormat Format { get; }
    /// <summary>The episode id of the current episode (−1 before the first Reset).</summary>
    public int EpisodeId { get; private set; } = -1;
    /// <summary>The step id of the last step over all episodes (−1 before the first Step).</summary>
    public int StepId { get; private set; } = -1;
    /// <summary>True while a video is being recorded.</summary>
    public bool IsRecording => _videoName is not null;
    /// <summary>Frames in the current video.</summary>
    public int RecordedFrames { get; private set; }
    /// <summary>The paths of the finished videos, in order.</summary>
    public IReadOnlyList<string> Videos => _videos;

    /// <inheritdoc/>
    public override ResetResult<TObs> Reset(int? seed = null, IReadOnlyDictionary<string, object?>? options = null)
    {
        var result = Env.Reset(seed, options);
        EpisodeId++;
        if (IsRecording && VideoLength == 0) StopRecording();
        if (_episodeTrigger?.Invoke(EpisodeId) == true) StartRecording($"{NamePrefix}-episode-{EpisodeId}");
        CaptureIfRecording();
        return result;
    }

    /// <inheritdoc/>
    public override StepResult<TObs> Step(TAct action)
    {
        var result = Env.Step(action);
        StepId++;
        if (_stepTrigger?.Invoke(StepId) == true) StartRecording($"{NamePrefix}-step-{StepId}");
        CaptureIfRecording();
        return result;
    }

    /// <summary>Ends the current video (if any) and writes its file.</summary>
    public void StopRecording()
    {
        if (!IsRecording) return;
        if (_writer is null)
        {
            EnvLog.Warn($"Video {_videoName} captured no frames; no file was written.");
        }
        else
        {
            _writer.Close();
            _videos.Add(_writer.Path);
        }
        _writer = null;
        _videoName = null;
        RecordedFrames = 0;
    }

    /// <inheritdoc/>
    protected override void OnClose() => StopRecording();

    /// <summary>Saves the episode and step ids, so the triggers continue where they were (a video in progress is not part of the state).</summary>
    protected override void OnSaveState(EnvSnapshot snapshot)
    {
        snapshot.Set("episode_id", EpisodeId);
        snapshot.Set("step_id", StepId);
    }

    /// <summary>Ends the video in progress (its frames belong to the history being left) and restores the ids.</summary>
    protected override void OnLoadState(EnvSnapshot snapshot)
    {
        StopRecording();
        EpisodeId = (int)snapshot.GetLong("episode_id");
        StepId = (int)snapshot.GetLong("step_id");
    }

    private void StartRecording(string name)
    {
        StopRecording();
        _videoName = name;
    }

    private void CaptureIfRecording()
    {
        if (!IsRecording) return;
        if (Env.Render() is not Frame frame)
        {
            EnvLog.Warn($"Recording {_videoName} stopped: Render returned no frame.");
            StopRecording();
            return;
        }
        _writer ??= VideoWriter.Open(Path.Combine(VideoFolder, _videoName + VideoWriter.Extension(Format)), frame.Width, frame.Height, Fps, Format);
        _writer.WriteFrame(frame);
        RecordedFrames++;
        if (VideoLength > 0 && RecordedFrames > VideoLength) StopRecording();
    }
}
