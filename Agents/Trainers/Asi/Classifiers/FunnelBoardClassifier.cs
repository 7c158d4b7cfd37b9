namespace RlFramework.Agents.Trainers.Asi.Classifiers;

/// <summary>
/// The Funnel Board outcome (the platform 0–4 the ball lands on, left to right) from frames: the ball map
/// (1-R)(1-G)B with values below 0.3 set to 0, summed over the bottom 10 rows of every frame in 5 column buckets
/// (15 px each on the 75 px wide board), normalised to label probabilities.
/// </summary>
public sealed class FunnelBoardClassifier : IOutcomeClassifier
{
    /// <summary>Bottom rows that are summed.</summary>
    public const int BottomRows = 10;

    /// <summary>Ball-map values below this count as 0.</summary>
    public const float BallThreshold = 0.3f;

    /// <inheritdoc/>
    public int ClassCount => 5;

    /// <summary>
    /// The ball is shown where the ball map reaches <see cref="BallThreshold"/> at some pixel above the frame's last two
    /// rows (the authors' <c>fubo_ball_position</c>, which crops those rows).
    /// </summary>
    public bool ShowsObject(ReadOnlySpan<float> frame, int height, int width)
    {
        int plane = height * width;
        if (height <= 2 || width <= 0 || frame.Length != 3 * plane)
            throw new ArgumentException($"The frame has {frame.Length} values; expected 3×{height}×{width} with at least 3 rows.", nameof(frame));
        for (int i = 0; i < (height - 2) * width; i++)
            if ((1 - frame[i]) * (1 - frame[plane + i]) * frame[2 * plane + i] >= BallThreshold) return true;
        return false;
    }

    /// <inheritdoc/>
    public double[] Probabilities(ReadOnlySpan<float> firstFrame, IReadOnlyList<float[]> frames, int height, int width)
    {
        ArgumentNullException.ThrowIfNull(frames);
        if (height < BottomRows || width < ClassCount) throw new ArgumentException($"Frame size {height}×{width} is too small: expected at least {BottomRows} rows and {ClassCount} columns.", nameof(height));
        int plane = height * width;
        var sums = new double[ClassCount];
        foreach (var frame in frames)
        {
            if (frame.Length != 3 * plane) throw new ArgumentException($"A frame has {frame.Length} values; expected 3×{height}×{width}.", nameof(frames));
            for (int y = height - BottomRows; y < height; y++)
            {
                for (int x = 0; x < width; x++)
                {
                    int i = y * width + x;
                    float ball = (1 - frame[i]) * (1 - frame[plane + i]) * frame[2 * plane + i];
                    if (ball >= BallThreshold) sums[Math.Min(x * ClassCount / width, ClassCount - 1)] += ball;
                }
            }
        }
        double total = sums.Sum();
        if (total > 0) for (int k = 0; k < sums.Length; k++) sums[k] /= total;
        return sums;
    }
}
