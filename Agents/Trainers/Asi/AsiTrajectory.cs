using System.Numerics;

namespace RlFramework.Agents.Trainers.Asi;

/// <summary>
/// One recorded trajectory for ASI: <see cref="Length"/> RGB frames of <see cref="Height"/>×<see cref="Width"/>
/// pixels, channel-first (frame t, channel c, row y, column x at
/// <c>((t·3 + c)·Height + y)·Width + x</c>), values in [0, 1], and the outcome label of the episode.
/// </summary>
public sealed class AsiTrajectory
{
    /// <summary>Colour channels per frame (RGB).</summary>
    public const int Channels = 3;

    /// <summary>Wraps <paramref name="frames"/> (not copied).</summary>
    /// <exception cref="ArgumentException">The sizes do not match, there are fewer than two frames, or a value is outside [0, 1].</exception>
    public AsiTrajectory(float[] frames, int length, int height, int width, int label)
    {
        ArgumentNullException.ThrowIfNull(frames);
        if (length < 2) throw new ArgumentException($"An ASI trajectory needs at least 2 frames, got length {length}.", nameof(length));
        if (height <= 0 || width <= 0) throw new ArgumentException($"Frame size {height}×{width} is invalid: expected positive height and width.", nameof(height));
        if (frames.Length != (long)length * Channels * height * width)
            throw new ArgumentException($"{frames.Length} frame values do not match {length} frames of 3×{height}×{width} (= {(long)length * Channels * height * width}).", nameof(frames));
        for (int i = 0; i < frames.Length; i++)
            if (!(frames[i] >= 0f && frames[i] <= 1f)) throw new ArgumentException($"Frame value {frames[i]} at index {i} is outside [0, 1].", nameof(frames));
        if (label < 0) throw new ArgumentException($"Label {label} is invalid: expected a non-negative class index.", nameof(label));
        (Frames, Length, Height, Width, Label) = (frames, length, height, width, label);
    }

    /// <summary>All frames, channel-first, in [0, 1].</summary>
    public float[] Frames { get; }

    /// <summary>Number of frames T.</summary>
    public int Length { get; }

    /// <summary>Frame height in pixels.</summary>
    public int Height { get; }

    /// <summary>Frame width in pixels.</summary>
    public int Width { get; }

    /// <summary>The outcome label (Room Runner: 1 when the runner ends in the blue room; Funnel Board: the platform 0–4).</summary>
    public int Label { get; }

    /// <summary>Values per frame (3·Height·Width).</summary>
    public int FrameSize => Channels * Height * Width;

    /// <summary>Frame <paramref name="t"/> (0-based), channel-first.</summary>
    public ReadOnlySpan<float> Frame(int t)
    {
        if ((uint)t >= (uint)Length) throw new ArgumentOutOfRangeException(nameof(t), t, $"Frame index must be in [0, {Length}).");
        return Frames.AsSpan(t * FrameSize, FrameSize);
    }

    /// <summary>
    /// Builds a trajectory from interleaved RGB frames with values 0–255 (height × width × 3 per frame, row-major,
    /// as env observations, <see cref="RlFramework.Renders.Frame"/> and episode files store them), scaled to [0, 1].
    /// </summary>
    public static AsiTrajectory FromRgb<T>(IReadOnlyList<T[]> frames, int height, int width, int label) where T : INumberBase<T>
    {
        ArgumentNullException.ThrowIfNull(frames);
        int size = Channels * height * width;
        var data = new float[frames.Count * size];
        for (int t = 0; t < frames.Count; t++)
        {
            var f = frames[t];
            if (f.Length != size) throw new ArgumentException($"Frame {t} has {f.Length} values; expected {height}×{width}×3 = {size}.", nameof(frames));
            var dst = data.AsSpan(t * size, size);
            for (int q = 0; q < height * width; q++)
                for (int c = 0; c < Channels; c++) dst[c * height * width + q] = float.CreateTruncating(f[q * Channels + c]) / 255f;
        }
        return new AsiTrajectory(data, frames.Count, height, width, label);
    }
}
