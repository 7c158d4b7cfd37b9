using System.Globalization;
using RlFramework.Agents.Trainers.Asi;
using RlFramework.Envs;
using RlFramework.Replay.Episodes;

namespace RlFramework.Runner.Experiments.Asi;

/// <summary>Reads the trajectories of a dataset written by <c>rl dataset</c> (an episode file of labelled clips).</summary>
internal static class AsiDataFile
{
    /// <summary>The env id in the file's metadata and its trajectories (frames 0–255 → [0, 1], the episode label "label").</summary>
    /// <exception cref="ArgumentException">The file names no env, the env does not observe RGB frames, or an episode has no label or the wrong size.</exception>
    public static (string EnvId, AsiTrajectory[] Trajectories) Load(string path)
    {
        using var reader = new EpisodeReader(path);
        if (!reader.Metadata.TryGetValue("env", out var envId))
            throw new ArgumentException($"{path} names no env in its metadata; expected a dataset written by `rl dataset`.");
        int height, width;
        using (var env = Gym.Make(envId))
        {
            if (env.ObservationSpace.Shape is not [int h, int w, 3])
                throw new ArgumentException($"{path}: {envId} observes {env.ObservationSpace}; ASI needs RGB frames of shape [H, W, 3].");
            (height, width) = (h, w);
        }
        var trajectories = new List<AsiTrajectory>();
        while (reader.Read<int>() is { } episode)
        {
            if (!episode.Labels.TryGetValue("label", out var text) || !int.TryParse(text, CultureInfo.InvariantCulture, out int label))
                throw new ArgumentException($"{path}: episode {trajectories.Count} has no integer label.");
            if (episode.ObservationSize != 3 * height * width)
                throw new ArgumentException($"{path}: episode {trajectories.Count} has observations of {episode.ObservationSize} values; {envId} frames have {3 * height * width}.");
            var frames = Enumerable.Range(0, episode.Length + 1).Select(t => episode.ObservationAt(t).ToArray()).ToArray();
            trajectories.Add(AsiTrajectory.FromRgb(frames, height, width, label));
        }
        return (envId, [.. trajectories]);
    }
}
