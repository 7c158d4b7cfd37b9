using RlFramework.Agents.Trainers.Asi;
using RlFramework.Renders;

namespace RlFramework.Runner.Experiments.Asi;

/// <summary>
/// A picture of what a trained model predicts: per validation clip two labelled rows of <see cref="Columns"/> frames, the
/// recorded frames at evenly spaced times ("recorded", captioned with the frame index) and the model's rollout from the
/// first frame at evenly spaced rollout steps ("model rollout", captioned with the step), each pixel drawn as a
/// <see cref="Scale"/>×<see cref="Scale"/> block.
/// </summary>
internal static class AsiRolloutStrip
{
    /// <summary>Frames per row.</summary>
    public const int Columns = 8;

    /// <summary>Pixel magnification.</summary>
    public const int Scale = 2;

    private const int Gap = 4, LabelWidth = 150, CaptionHeight = 14, TitleHeight = 24;
    private const double TextSize = 12, CaptionSize = 10;

    /// <summary>Rolls <paramref name="trainer"/>'s model out on each of <paramref name="clips"/> and writes the picture to <paramref name="path"/> (PNG, atomically).</summary>
    public static void Save(AsiTrainer trainer, IReadOnlyList<AsiTrajectory> clips, string path)
    {
        ArgumentNullException.ThrowIfNull(trainer);
        if (clips.Count == 0) throw new ArgumentException("No clips to draw; expected at least one.", nameof(clips));
        int height = clips[0].Height, width = clips[0].Width;
        int cellW = width * Scale + Gap, cellH = height * Scale + CaptionHeight + Gap;
        using var canvas = new Canvas(LabelWidth + Columns * cellW + Gap, TitleHeight + 2 * clips.Count * cellH + Gap);
        canvas.Clear(Color.White);
        canvas.DrawText($"Model rollouts after {trainer.Step:N0} training steps: recorded frames above the model's prediction from the first frame",
            Gap, TitleHeight - 8, TextSize, Color.Black, bold: true);
        for (int c = 0; c < clips.Count; c++)
        {
            var clip = clips[c];
            var rollout = trainer.Rollout(clip.Frame(0), height, width, trainer.RolloutSteps(clip));
            int top = TitleHeight + 2 * c * cellH;
            RowLabel(canvas, $"clip {c + 1} recorded", top, height);
            RowLabel(canvas, $"clip {c + 1} model rollout", top + cellH, height);
            for (int col = 0; col < Columns; col++)
            {
                int x = LabelWidth + col * cellW;
                int t = Evenly(col, clip.Length);
                Cell(canvas, clip.Frame(t), height, width, x, top, $"frame {t}");
                if (rollout.Count == 0) continue;
                int step = Evenly(col, rollout.Count);
                Cell(canvas, rollout[step], height, width, x, top + cellH, $"step {step + 1}");
            }
        }
        canvas.SavePng(path);
    }

    /// <summary>The index of column <paramref name="column"/> of <see cref="Columns"/> spread over 0..count-1.</summary>
    private static int Evenly(int column, int count) => (int)((long)column * (count - 1) / (Columns - 1));

    private static void RowLabel(Canvas canvas, string text, int top, int height) =>
        canvas.DrawText(text, Gap, top + height * Scale / 2.0 + TextSize / 2, TextSize, Color.Black, bold: true);

    /// <summary>Draws a channel-first frame with values in [0, 1] at (<paramref name="left"/>, <paramref name="top"/>), its caption below.</summary>
    private static void Cell(Canvas canvas, ReadOnlySpan<float> frame, int height, int width, int left, int top, string caption)
    {
        var picture = new Frame(width, height);
        int plane = height * width;
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                int q = y * width + x;
                picture.SetPixel(x, y, new Color(Byte(frame[q]), Byte(frame[plane + q]), Byte(frame[2 * plane + q])));
            }
        }

        canvas.DrawFrame(picture, left, top, Scale);
        canvas.DrawText(caption, left, top + height * Scale + CaptionHeight - 3, CaptionSize, Color.FromHex("#444444"));
    }

    private static byte Byte(float value) => (byte)Math.Clamp(MathF.Round(value * 255f), 0f, 255f);
}
