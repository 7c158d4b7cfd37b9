using System.Globalization;
using RlFramework.Envs;
using RlFramework.Envs.Seeding;
using RlFramework.Envs.Spaces;
using RlFramework.Replay.Episodes;

namespace RlFramework.Runner.Datasets;

/// <summary>
/// Datasets of labelled clips from an uncontrolled env (action space Discrete(1), the label in the reset info, e.g.
/// <c>FunnelBoard-v0</c>): trajectory i is the episode of <c>Reset(seed: seeds[i])</c>, with the per-trajectory seeds
/// drawn from the root seed (<see cref="TrajectorySeeds"/>), so any trajectory can be regenerated alone and the result
/// does not depend on how many workers generate it. Trajectories are generated in parallel and written in order.
/// </summary>
internal static class ClipDataset
{
    /// <summary>Trajectories generated per parallel batch (bounds the memory held before writing).</summary>
    private const int BatchPerWorker = 4;

    /// <summary>The reset seed of each trajectory: <paramref name="count"/> draws in [0, 2³¹−1) from the root seed's generator.</summary>
    public static int[] TrajectorySeeds(int seed, int count)
    {
        var rng = RandomGenerator.FromSeed(seed);
        var seeds = new int[count];
        for (int i = 0; i < count; i++) seeds[i] = (int)rng.Integers(int.MaxValue);
        return seeds;
    }

    /// <summary>Throws unless <paramref name="env"/> is an uncontrolled clip env (one no-op action).</summary>
    public static void RequireClipEnv(string id, IEnv env)
    {
        if (env.ActionSpace is not Discrete { N: 1 })
            throw new ArgumentException($"{id} has the action space {env.ActionSpace}; datasets are made from uncontrolled clip envs with Discrete(1) actions (RoomRunner-v0, FunnelBoard-v0, ...).");
    }

    /// <summary>The label, frame count and rejected scenes of each trajectory (only resets: no frames beyond the first are drawn).</summary>
    public static (int Label, int Frames, int Rejected)[] Labels(string id, int count, int seed, int workers)
    {
        var seeds = TrajectorySeeds(seed, count);
        var labels = new (int, int, int)[count];
        ForEachParallel(id, count, workers, (i, env) =>
        {
            var info = env.ResetBoxed(seeds[i]).Info;
            labels[i] = (LabelOf(id, info), IntOrZero(info, "frames"), IntOrZero(info, "rejected"));
        });
        return labels;
    }

    private static int IntOrZero(Info info, string key) => info.TryGetValue(key, out var value) && value is int n ? n : 0;

    /// <summary>Writes <paramref name="count"/> trajectories to the episode file <paramref name="path"/> (atomically).</summary>
    /// <param name="id">The env id.</param>
    /// <param name="count">Number of trajectories.</param>
    /// <param name="seed">The root seed.</param>
    /// <param name="path">The output file.</param>
    /// <param name="workers">Trajectories generated at once.</param>
    /// <param name="progress">Called with the number written so far after each batch.</param>
    /// <param name="compress">LZ4-compress each trajectory (MessagePack-CSharp's Lz4BlockArray, docs/episode-format.md).</param>
    /// <returns>The label and frame count of each trajectory.</returns>
    public static (int Label, int Frames)[] Write(string id, int count, int seed, string path, int workers, Action<int>? progress = null, bool compress = false)
    {
        Make(id).Dispose(); // a bad id fails here, before any file is made
        var seeds = TrajectorySeeds(seed, count);
        var summary = new (int, int)[count];
        var metadata = new Dictionary<string, string> { ["env"] = id, ["seed"] = seed.ToString(CultureInfo.InvariantCulture), ["trajectories"] = count.ToString(CultureInfo.InvariantCulture) };
        // The writer commits its file atomically on Dispose; the staging name keeps a run that fails mid-way from
        // leaving a short but valid-looking dataset at the target.
        string staging = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".", $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.partial");
        try
        {
            using (var writer = new EpisodeWriter(staging, metadata, byteObservations: true, compress: compress))
            {
                int batch = Math.Max(1, workers * BatchPerWorker);
                var episodes = new Episode<int>[batch];
                for (int start = 0; start < count; start += batch)
                {
                    int size = Math.Min(batch, count - start);
                    ForEachParallel(id, size, workers, (k, env) => episodes[k] = Record(id, env, seeds[start + k]));
                    for (int k = 0; k < size; k++)
                    {
                        writer.Write(episodes[k]);
                        summary[start + k] = (int.Parse(episodes[k].Labels["label"], CultureInfo.InvariantCulture), episodes[k].Length + 1);
                        episodes[k] = null!;
                    }
                    progress?.Invoke(start + size);
                }
            }
            File.Move(staging, path, overwrite: true);
        }
        finally
        {
            File.Delete(staging);
        }
        return summary;
    }

    /// <summary>Runs <paramref name="body"/> for 0..count−1 on up to <paramref name="workers"/> threads, each with its own env; rethrows the first failure as itself.</summary>
    private static void ForEachParallel(string id, int count, int workers, Action<int, IEnv> body)
    {
        try
        {
            Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = workers }, () => Make(id), (i, _, env) =>
            {
                body(i, env);
                return env;
            }, env => env.Dispose());
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
    }

    /// <summary>
    /// One trajectory as an episode: the frames as observations (pixel values 0–255, height × width × 3 row-major;
    /// written as bytes, read back as floats), action 0 at every step, rewards 0, the label in the last step's info and in the labels
    /// (<c>label</c>, <c>env</c>, <c>seed</c>).
    /// </summary>
    public static Episode<int> Record(string id, IEnv env, int seed)
    {
        var reset = env.ResetBoxed(seed);
        int label = LabelOf(id, reset.Info);
        int size = SpaceFlattening.FlatDim(env.ObservationSpace);
        var frame = new float[size];
        SpaceFlattening.Flatten(env.ObservationSpace, reset.Observation, frame);
        var episode = new Episode<int>(frame);
        StepResult<object> step;
        do
        {
            step = env.StepBoxed(0);
            SpaceFlattening.Flatten(env.ObservationSpace, step.Observation, frame);
            var info = step.Done ? new Dictionary<string, InfoValue> { ["label"] = label } : null;
            episode.AddStep(0, frame, (float)step.Reward, step.Terminated, step.Truncated, info);
        } while (!step.Done);
        episode.Labels["label"] = label.ToString(CultureInfo.InvariantCulture);
        episode.Labels["env"] = id;
        episode.Labels["seed"] = seed.ToString(CultureInfo.InvariantCulture);
        return episode;
    }

    private static IEnv Make(string id)
    {
        var env = Gym.Make(id);
        try
        {
            RequireClipEnv(id, env);
            return env;
        }
        catch
        {
            env.Dispose();
            throw;
        }
    }

    private static int LabelOf(string id, Info info) =>
        info.TryGetValue("label", out var value) && value is int label ? label
            : throw new ArgumentException($"{id} puts no integer \"label\" in its reset info; datasets need a labelled clip env (RoomRunner-v0, FunnelBoard-v0, ...).");
}
