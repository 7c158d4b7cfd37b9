using RlFramework.Agents.Asi;
using RlFramework.Renders;

namespace RlFramework.Runner.Experiments.Asi;

/// <summary>
/// A picture of what a trained model predicts: per validation clip two rows of <see cref="Columns"/> frames, the
/// recorded frames at evenly spaced times (top) and the model's rollout from the first frame at evenly spaced
/// rollout steps (bottom), each pixel drawn as a <see cref="Scale"/>×<see cref="Scale"/> block.
/// </summary>
internal static class AsiRolloutStrip
{
    /// <summary>Frames per row.</summary>
    public const int Columns = 8;

    /// <summary>Pixel magnification.</summary>
    public const int Scale = 2;

    private const int Gap = 4;

    /// <summary>Rolls <paramref name="trainer"/>'s model out on each of <paramref name="clips"/> and writes the picture to <paramref name="path"/> (PNG, atomically).</summary>
    public static void Save(AsiTrainer trainer, IReadOnlyList<AsiTrajectory> clips, string path)
    {
        ArgumentNullException.ThrowIfNull(trainer);
        if (clips.Count == 0) throw new ArgumentException("No clips to draw; expected at least one.", nameof(clips));
        int height = clips[0].Height, width = clips[0].Width;
        int cellW = width * Scale + Gap, cellH = height * Scale + Gap;
        var picture = new Frame(Columns * cellW + Gap, 2 * clips.Count * cellH + Gap);
        picture.Fill(Color.White);
        for (int c = 0; c < clips.Count; c++)
        {
            var clip = clips[c];
            var rollout = trainer.Rollout(clip.Frame(0), height, width, trainer.RolloutSteps(clip));
            for (int col = 0; col < Columns; col++)
            {
                int x = Gap + col * cellW, y = Gap + 2 * c * cellH;
                Blit(picture, clip.Frame(Evenly(col, clip.Length)), height, width, x, y);
                if (rollout.Count > 0) Blit(picture, rollout[Evenly(col, rollout.Count)], height, width, x, y + cellH);
            }
        }
        picture.SavePng(path);
    }

    /// <summary>The index of column <paramref name="column"/> of <see cref="Columns"/> spread over 0..count-1.</summary>
    private static int Evenly(int column, int count) => (int)((long)column * (count - 1) / (Columns - 1));

    /// <summary>Draws a channel-first frame with values in [0, 1] at (<paramref name="left"/>, <paramref name="top"/>).</summary>
    private static void Blit(Frame picture, ReadOnlySpan<float> frame, int height, int width, int left, int top)
    {
        int plane = height * width;
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                int q = y * width + x;
                var colour = new Color(Byte(frame[q]), Byte(frame[plane + q]), Byte(frame[2 * plane + q]));
                for (int dy = 0; dy < Scale; dy++)
                    for (int dx = 0; dx < Scale; dx++) picture.SetPixel(left + x * Scale + dx, top + y * Scale + dy, colour);
            }
    }

    private static byte Byte(float value) => (byte)Math.Clamp(MathF.Round(value * 255f), 0f, 255f);
}
