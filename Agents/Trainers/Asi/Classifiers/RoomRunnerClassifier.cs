namespace RlFramework.Agents.Trainers.Asi.Classifiers;

/// <summary>
/// The Room Runner outcome (label 1: the runner ends in the blue room, 0: in the red room) from frames, as the authors'
/// classifier (<c>predict_rr_label_probas</c>) judges it. From the first frame: the red room mask R(1-G)(1-B) &gt; 0.15
/// and the blue room mask (1-R)(1-G)B &gt; 0.15, each grown <see cref="DoorGrowth"/> times by a 3×3 dilation kept to
/// light pixels (mean of the channels &gt; 0.9: white rooms and doors, not walls or background), so through the doors,
/// then smoothed by the 3×3 kernel [1 2 1; 2 4 2; 1 2 1]/16 (mirrored edges) into weights. Per later frame: the runner
/// mask (1-R)G(1-B) &gt; 0.25. The weighted overlaps of the runner with each room, summed over the frames, normalised:
/// [p_red, p_blue].
/// </summary>
public sealed class RoomRunnerClassifier : IOutcomeClassifier
{
    /// <summary>Room-mask threshold.</summary>
    public const float RoomThreshold = 0.15f;

    /// <summary>Runner-mask threshold.</summary>
    public const float RunnerThreshold = 0.25f;

    /// <summary>A pixel is light (a room mask may grow over it) when the mean of its channels is above this: white rooms and doors (0.9, 0.95, 1.0), not walls, background or the coloured rooms.</summary>
    public const float LightThreshold = 0.9f;

    /// <summary>Creates the classifier; <paramref name="doorGrowth"/> pixels of growth through doors (the authors': 8; 0: the masks stop at doors).</summary>
    public RoomRunnerClassifier(int doorGrowth = 8)
    {
        if (doorGrowth < 0) throw new ArgumentOutOfRangeException(nameof(doorGrowth), doorGrowth, "The growth through doors must be a non-negative number of pixels.");
        DoorGrowth = doorGrowth;
    }

    /// <summary>Pixels (3×3 dilations) the room masks grow over light pixels, so through doors.</summary>
    public int DoorGrowth { get; }

    /// <inheritdoc/>
    public int ClassCount => 2;

    /// <inheritdoc/>
    public double[] Probabilities(ReadOnlySpan<float> firstFrame, IReadOnlyList<float[]> frames, int height, int width)
    {
        ArgumentNullException.ThrowIfNull(frames);
        int plane = height * width;
        if (height <= 0 || width <= 0 || firstFrame.Length != 3 * plane)
            throw new ArgumentException($"The first frame has {firstFrame.Length} values; expected 3×{height}×{width}.", nameof(firstFrame));
        var red = Smoothed(RoomMask(firstFrame, height, width, blue: false, DoorGrowth), height, width);
        var blue = Smoothed(RoomMask(firstFrame, height, width, blue: true, DoorGrowth), height, width);
        var overlap = new double[ClassCount];
        foreach (var frame in frames)
        {
            if (frame.Length != 3 * plane) throw new ArgumentException($"A frame has {frame.Length} values; expected 3×{height}×{width}.", nameof(frames));
            for (int i = 0; i < plane; i++)
            {
                float runner = (1 - frame[i]) * frame[plane + i] * (1 - frame[2 * plane + i]);
                if (runner <= RunnerThreshold) continue;
                overlap[0] += red[i];
                overlap[1] += blue[i];
            }
        }
        double total = overlap[0] + overlap[1];
        if (total > 0) { overlap[0] /= total; overlap[1] /= total; }
        return overlap;
    }

    /// <summary>
    /// The runner is shown where (1-R)(1 - 1.5(G - 0.8)²)(1-B) &gt; <see cref="RunnerThreshold"/> at some pixel: green near
    /// the runner's 0.8 (the authors' <c>has_runner</c>).
    /// </summary>
    public bool ShowsObject(ReadOnlySpan<float> frame, int height, int width)
    {
        int plane = height * width;
        if (height <= 0 || width <= 0 || frame.Length != 3 * plane)
            throw new ArgumentException($"The frame has {frame.Length} values; expected 3×{height}×{width}.", nameof(frame));
        for (int i = 0; i < plane; i++)
        {
            float g = frame[plane + i] - 0.8f;
            if ((1 - frame[i]) * (1 - 1.5f * g * g) * (1 - frame[2 * plane + i]) > RunnerThreshold) return true;
        }
        return false;
    }

    /// <summary>
    /// The red (or blue) room's pixels in a frame and the light pixels within <paramref name="growth"/> 3×3 dilations of
    /// them over light pixels (the authors' <c>get_preceding_room_area</c>).
    /// </summary>
    internal static bool[] RoomMask(ReadOnlySpan<float> frame, int height, int width, bool blue, int growth)
    {
        int plane = height * width;
        var room = new bool[plane];
        var light = new bool[plane];
        for (int i = 0; i < plane; i++)
        {
            float r = frame[i], g = frame[plane + i], b = frame[2 * plane + i];
            room[i] = (blue ? (1 - r) * (1 - g) * b : r * (1 - g) * (1 - b)) > RoomThreshold;
            light[i] = (r + g + b) / 3 > LightThreshold;
        }
        if (growth == 0) return room;
        var grown = room;
        for (int round = 0; round < growth; round++)
        {
            var next = new bool[plane];
            for (int i = 0; i < plane; i++) next[i] = light[i] && AnyNeighbour(grown, i, height, width);
            grown = next;
        }
        for (int i = 0; i < plane; i++) grown[i] |= room[i];
        return grown;
    }

    /// <summary>Whether pixel <paramref name="i"/> or one of its 8 neighbours is in <paramref name="mask"/>.</summary>
    private static bool AnyNeighbour(bool[] mask, int i, int height, int width)
    {
        int y = i / width, x = i % width;
        for (int ny = Math.Max(0, y - 1); ny <= Math.Min(height - 1, y + 1); ny++)
        {
            for (int nx = Math.Max(0, x - 1); nx <= Math.Min(width - 1, x + 1); nx++)
                if (mask[ny * width + nx]) return true;
        }
        return false;
    }

    /// <summary>The mask smoothed by [1 2 1; 2 4 2; 1 2 1]/16, the edges mirrored (SciPy's <c>correlate2d</c>, boundary 'symm').</summary>
    internal static double[] Smoothed(bool[] mask, int height, int width)
    {
        var weights = new double[mask.Length];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                double sum = 0;
                for (int dy = -1; dy <= 1; dy++)
                {
                    for (int dx = -1; dx <= 1; dx++)
                    {
                        int ny = Math.Clamp(y + dy, 0, height - 1), nx = Math.Clamp(x + dx, 0, width - 1);
                        if (mask[ny * width + nx]) sum += (2 - Math.Abs(dy)) * (2 - Math.Abs(dx));
                    }
                }
                weights[y * width + x] = sum / 16;
            }
        }
        return weights;
    }
}
