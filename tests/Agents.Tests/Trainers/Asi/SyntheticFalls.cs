using RlFramework.Agents.Trainers.Asi;

namespace RlFramework.Agents.Tests.Trainers.Asi;

/// <summary>
/// A tiny Funnel-Board-like task for tests: a 2×2 blue ball on white falls straight down a 16×10 board at one row
/// per frame from row 0 to the bottom, in column 2·label (label 0–4), so the Funnel Board classifier's buckets (2 px
/// each) hold the label.
/// </summary>
internal static class SyntheticFalls
{
    public const int Height = 16, Width = 10;

    public static AsiTrajectory Fall(int label, int frames = Height - 1)
    {
        int plane = Height * Width;
        var data = new float[frames * 3 * plane];
        for (int t = 0; t < frames; t++)
        {
            var f = data.AsSpan(t * 3 * plane, 3 * plane);
            f.Fill(1f);
            int row = Math.Min(t, Height - 2);
            for (int dy = 0; dy < 2; dy++)
            {
                for (int dx = 0; dx < 2; dx++)
                {
                    int i = (row + dy) * Width + 2 * label + dx;
                    f[i] = 0f;          // R
                    f[plane + i] = 0f;  // G, B stays 1
                }
            }
        }
        return new AsiTrajectory(data, frames, Height, Width, label);
    }

    public static AsiTrajectory[] All() => [.. Enumerable.Range(0, 5).Select(l => Fall(l))];
}
