namespace RlFramework.Agents.Trainers.Asi.Classifiers;

/// <summary>
/// The Room Runner outcome (label 1: the runner ends in the blue room, 0: in the red room) from frames. From the
/// first frame: the red room mask R(1-G)(1-B) &gt; 0.15 and the blue room mask (1-R)(1-G)B &gt; 0.15, each grown
/// (4-neighbour flood fill) into adjacent white pixels, then (as the authors' classifier) up to
/// <see cref="DoorGrowth"/> pixels further into light pixels (white or door), so through the doors. Per later frame: the runner mask (1-R)G(1-B) &gt; 0.25. The
/// overlaps of the runner with each room, summed over the frames, normalised: [p_red, p_blue].
/// </summary>
public sealed class RoomRunnerClassifier : IOutcomeClassifier
{
    /// <summary>Room-mask threshold.</summary>
    public const float RoomThreshold = 0.15f;

    /// <summary>Runner-mask threshold.</summary>
    public const float RunnerThreshold = 0.25f;

    /// <summary>A pixel is white (a room mask may grow into it) when each channel is at least this.</summary>
    public const float WhiteThreshold = 0.97f;

    /// <summary>A pixel is light (the growth through doors may pass it) when each channel is at least this: white rooms and doors (0.9, 0.95, 1.0), not walls or background.</summary>
    public const float LightThreshold = 0.85f;

    /// <summary>Creates the classifier; <paramref name="doorGrowth"/> pixels of growth through doors (the authors': 8; 0: the masks stop at doors).</summary>
    public RoomRunnerClassifier(int doorGrowth = 8)
    {
        if (doorGrowth < 0) throw new ArgumentOutOfRangeException(nameof(doorGrowth), doorGrowth, "The growth through doors must be a non-negative number of pixels.");
        DoorGrowth = doorGrowth;
    }

    /// <summary>Pixels the room masks grow beyond their white flood fill, through light pixels (doors).</summary>
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
        var red = RoomMask(firstFrame, height, width, blue: false, DoorGrowth);
        var blue = RoomMask(firstFrame, height, width, blue: true, DoorGrowth);
        var overlap = new double[ClassCount];
        foreach (var frame in frames)
        {
            if (frame.Length != 3 * plane) throw new ArgumentException($"A frame has {frame.Length} values; expected 3×{height}×{width}.", nameof(frames));
            for (int i = 0; i < plane; i++)
            {
                float runner = (1 - frame[i]) * frame[plane + i] * (1 - frame[2 * plane + i]);
                if (runner <= RunnerThreshold) continue;
                if (red[i]) overlap[0]++;
                if (blue[i]) overlap[1]++;
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

    /// <summary>The red (or blue) room's pixels in a frame, grown into the white pixels connected to them, then <paramref name="growth"/> pixels into light ones.</summary>
    internal static bool[] RoomMask(ReadOnlySpan<float> frame, int height, int width, bool blue, int growth)
    {
        int plane = height * width;
        var mask = new bool[plane];
        var queue = new Queue<int>();
        for (int i = 0; i < plane; i++)
        {
            float r = frame[i], g = frame[plane + i], b = frame[2 * plane + i];
            float v = blue ? (1 - r) * (1 - g) * b : r * (1 - g) * (1 - b);
            if (v > RoomThreshold) { mask[i] = true; queue.Enqueue(i); }
        }
        Span<int> neighbours = stackalloc int[4];
        while (queue.TryDequeue(out int i))
        {
            Neighbours(i, height, width, neighbours);
            foreach (int j in neighbours)
            {
                if (j < 0 || mask[j]) continue;
                if (AtLeast(frame, plane, j, WhiteThreshold))
                {
                    mask[j] = true;
                    queue.Enqueue(j);
                }
            }
        }
        // Growth by rings: each round adds the light pixels next to the mask.
        var ring = Enumerable.Range(0, plane).Where(i => mask[i]).ToList();
        for (int round = 0; round < growth && ring.Count > 0; round++)
        {
            var next = new List<int>();
            foreach (int i in ring)
            {
                Neighbours(i, height, width, neighbours);
                foreach (int j in neighbours)
                    if (j >= 0 && !mask[j] && AtLeast(frame, plane, j, LightThreshold)) { mask[j] = true; next.Add(j); }
            }
            ring = next;
        }
        return mask;
    }

    /// <summary>The 4 neighbours of pixel <paramref name="i"/>, -1 where one is off the frame.</summary>
    private static void Neighbours(int i, int height, int width, Span<int> neighbours)
    {
        int y = i / width, x = i % width;
        neighbours[0] = x > 0 ? i - 1 : -1;
        neighbours[1] = x < width - 1 ? i + 1 : -1;
        neighbours[2] = y > 0 ? i - width : -1;
        neighbours[3] = y < height - 1 ? i + width : -1;
    }

    private static bool AtLeast(ReadOnlySpan<float> frame, int plane, int i, float threshold) =>
        frame[i] >= threshold && frame[plane + i] >= threshold && frame[2 * plane + i] >= threshold;
}
