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
}
