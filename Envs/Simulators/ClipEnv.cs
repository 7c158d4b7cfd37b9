using RlFramework.Envs.Seeding;
using RlFramework.Envs.Spaces;
using RlFramework.Renders;

namespace RlFramework.Envs.Simulators;

/// <summary>
/// An uncontrolled simulation shown as a clip of RGB frames: the single action (Discrete(1), a no-op) advances to the
/// next frame. <see cref="Env{TObs, TAct}.Reset"/> samples a new scene with the env's seeded generator and simulates it
/// to the end (resampling scenes the task rejects), so the episode's <see cref="Label"/> and <see cref="FrameCount"/>
/// are known from the start: both are in the reset info (<c>"label"</c>, <c>"frames"</c>, with <c>"rejected"</c>, the
/// number of scenes resampled), and the label is in the info of the last step too. Frames are drawn only when they are emitted. Rewards are 0; the last frame terminates the
/// episode. The observation array (height × width × 3 bytes, row-major RGB) is reused: copy it to keep it.
/// A snapshot holds the generator's state from before the clip's scene was sampled: loading it simulates the scene again
/// (deterministic), so the restored env continues bit-identically without storing the scene.
/// </summary>
public abstract class ClipEnv : Env<byte[], int>, ISnapshotEnv
{
    /// <summary>Playback speed of recorded videos, frames per second.</summary>
    public const int FramesPerSecond = 10;

    private static readonly EnvMetadata ClipMetadata = new([Envs.RenderMode.RgbArray], RenderFps: FramesPerSecond);

    private readonly byte[] _observation;
    private int _frame = -1;
    private int _frameCount;
    private int _label;
    private Pcg64State _sceneRandom;

    /// <summary>Creates the env for frames of <paramref name="height"/> × <paramref name="width"/> pixels.</summary>
    protected ClipEnv(int height, int width, string? renderMode) : base(ClipMetadata, renderMode)
    {
        Height = height;
        Width = width;
        _observation = new byte[height * width * 3];
        ObservationSpace = new Box<byte>(0, 255, height, width, 3);
    }

    /// <summary>Frame height in pixels.</summary>
    public int Height { get; }

    /// <summary>Frame width in pixels.</summary>
    public int Width { get; }

    /// <inheritdoc/>
    public override Box<byte> ObservationSpace { get; }

    /// <inheritdoc/>
    public override Discrete ActionSpace { get; } = new(1);

    /// <summary>The current episode's label (known from Reset on).</summary>
    /// <exception cref="InvalidOperationException">Before the first Reset.</exception>
    public int Label => _frame >= 0 ? _label : throw new InvalidOperationException($"{Name}: call Reset before reading Label.");

    /// <summary>Frames in the current episode (the episode has <c>FrameCount - 1</c> steps).</summary>
    /// <exception cref="InvalidOperationException">Before the first Reset.</exception>
    public int FrameCount => _frame >= 0 ? _frameCount : throw new InvalidOperationException($"{Name}: call Reset before reading FrameCount.");

    /// <summary>The index of the frame last observed (0 after Reset).</summary>
    public int FrameIndex => _frame;

    /// <summary>Scenes sampled per Reset before giving up (the tasks reject only a few per cent).</summary>
    public const int MaxAttempts = 10_000;

    /// <summary>Samples and simulates one scene with <see cref="Env{TObs, TAct}.NpRandom"/>.</summary>
    /// <returns>The number of frames of the clip (at least 2) and its label, or null when the task rejects the scene.</returns>
    protected abstract (int FrameCount, int Label)? TrySimulate();

    /// <summary>Draws frame <paramref name="index"/> of the simulated clip into <paramref name="rgb"/> (height × width × 3).</summary>
    protected abstract void DrawFrame(int index, byte[] rgb);

    /// <inheritdoc/>
    protected override ResetResult<byte[]> OnReset(IReadOnlyDictionary<string, object?>? options)
    {
        _frame = -1; // no clip until a scene is accepted
        _sceneRandom = NpRandom.BitGenerator.GetState();
        int rejected = SimulateClip();
        _frame = 0;
        DrawFrame(0, _observation);
        return new(_observation, Info.Empty.With("label", _label).With("frames", _frameCount).With("rejected", rejected));
    }

    /// <summary>Samples scenes until the task accepts one and keeps its frame count and label; returns the number rejected.</summary>
    private int SimulateClip()
    {
        int rejected = 0;
        (int FrameCount, int Label)? clip;
        while ((clip = TrySimulate()) is null)
        {
            if (++rejected == MaxAttempts) throw new InvalidOperationException($"{Name}: the task rejected {MaxAttempts} scenes in a row.");
        }
        (_frameCount, _label) = clip.Value;
        return rejected;
    }

    /// <summary>Saves the generator, the frame index and, during a clip, the generator's state from before its scene was sampled.</summary>
    public void SaveState(EnvSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        snapshot.SetOrigin(this);
        snapshot.Set("np_random", NpRandom);
        snapshot.Set("frame", _frame);
        if (_frame < 0) return;
        snapshot.Set("scene_random", _sceneRandom);
        snapshot.Set("frames", _frameCount);
        snapshot.Set("label", _label);
    }

    /// <summary>Restores the state written by <see cref="SaveState"/>: the clip is simulated again from its saved generator state.</summary>
    /// <exception cref="InvalidDataException">The snapshot comes from another env, or replaying its scene gives another clip.</exception>
    public void LoadState(EnvSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        snapshot.CheckOrigin(this);
        long frame = snapshot.GetLong("frame");
        _frame = -1;
        if (frame >= 0)
        {
            NpRandom.BitGenerator.SetState(snapshot.GetRandomState("scene_random"));
            SimulateClip();
            long frames = snapshot.GetLong("frames"), label = snapshot.GetLong("label");
            if (frames != _frameCount || label != _label || frame >= _frameCount)
            {
                throw new InvalidDataException(
                    $"{Name}: replaying the snapshot's scene gave {_frameCount} frames with label {_label}; the snapshot says {frames} frames with label {label} at frame {frame}. Was it taken with other dynamics?");
            }

            _frame = (int)frame;
            DrawFrame(_frame, _observation);
        }
        snapshot.Restore("np_random", NpRandom);
    }

    /// <inheritdoc/>
    protected override StepResult<byte[]> OnStep(int action)
    {
        if (_frame < 0) throw new InvalidOperationException($"{Name}: call Reset before Step.");
        if (_frame >= _frameCount - 1) throw new InvalidOperationException($"{Name}: the clip has ended (frame {_frame} of {_frameCount}); call Reset.");
        _frame++;
        DrawFrame(_frame, _observation);
        bool last = _frame == _frameCount - 1;
        return new(_observation, 0.0, last, false, last ? Info.Empty.With("label", _label) : Info.Empty);
    }

    /// <summary>A copy of the current frame in rgb_array mode; null without a render mode.</summary>
    public override object? Render()
    {
        if (RenderMode != Envs.RenderMode.RgbArray) return null;
        if (_frame < 0) throw new InvalidOperationException($"{Name}: call Reset before Render.");
        return new Frame(Width, Height, (byte[])_observation.Clone());
    }

    /// <summary>A colour from RGB components in [0, 1].</summary>
    protected static Color Rgb(double r, double g, double b) =>
        new((byte)Math.Round(r * 255), (byte)Math.Round(g * 255), (byte)Math.Round(b * 255));
}
