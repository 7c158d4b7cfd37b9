namespace RlFramework.Envs.Wrappers;

/// <summary>Triggers for <see cref="RecordVideo{TObs, TAct}"/>.</summary>
public static class VideoSchedules
{
    /// <summary>
    /// Gymnasium's default episode trigger: episodes 0, 1, 8, 27, ... (perfect cubes) below 1000, then every 1000th.
    /// </summary>
    public static bool CappedCubic(int episodeId)
    {
        if (episodeId < 1000)
        {
            int root = (int)Math.Round(Math.Cbrt(episodeId));
            return root * root * root == episodeId;
        }
        return episodeId % 1000 == 0;
    }

    /// <summary>A trigger that fires every <paramref name="interval"/>-th id (0, interval, 2·interval, ...).</summary>
    public static Func<int, bool> Every(int interval)
    {
        if (interval <= 0) throw new ArgumentOutOfRangeException(nameof(interval), interval, "The interval must be positive.");
        return id => id % interval == 0;
    }
}
