using RlFramework.Envs;

namespace RlFramework.Agents.Trainers.Asi;

/// <summary>
/// Records ASI trajectories from a clip env (RoomRunner-v0, FunnelBoard-v0 and their variants: RGB byte frames
/// height × width × 3, the single no-op action 0, the label in the reset info under "label").
/// </summary>
public static class TrajectoryGenerator
{
    /// <summary>One trajectory: resets <paramref name="env"/> with <paramref name="seed"/> and steps it to the end of the clip.</summary>
    /// <exception cref="ArgumentException">The env does not observe H×W×3 frames or gives no integer "label".</exception>
    public static AsiTrajectory Record(IEnv<byte[], int> env, int seed)
    {
        ArgumentNullException.ThrowIfNull(env);
        if (env.ObservationSpace.Shape is not [int height, int width, 3])
            throw new ArgumentException($"{env.Spec?.Id ?? "the env"} observes {env.ObservationSpace}; ASI needs RGB frames of shape [H, W, 3].", nameof(env));
        var reset = env.Reset(seed);
        if (!reset.Info.TryGetValue("label", out var value) || value is not int label)
            throw new ArgumentException($"{env.Spec?.Id ?? "the env"} gives no integer 'label' in its reset info (it has: {string.Join(", ", reset.Info.Keys)}).", nameof(env));
        var frames = new List<byte[]> { (byte[])reset.Observation.Clone() };
        StepResult<byte[]> step;
        do
        {
            step = env.Step(0);
            frames.Add((byte[])step.Observation.Clone());
        } while (!step.Terminated && !step.Truncated);
        return AsiTrajectory.FromRgb(frames, height, width, label);
    }

    /// <summary>
    /// Trajectories of <paramref name="envId"/> for seeds <paramref name="firstSeed"/>, <paramref name="firstSeed"/> + 1, …
    /// (<paramref name="count"/> of them), generated on <paramref name="parallelism"/> threads, each with its own env;
    /// the result depends only on the seeds.
    /// </summary>
    public static AsiTrajectory[] Generate(string envId, int count, int firstSeed, int parallelism = 2)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(envId);
        if (count < 0) throw new ArgumentOutOfRangeException(nameof(count), count, "The number of trajectories must be non-negative.");
        if (parallelism <= 0) throw new ArgumentOutOfRangeException(nameof(parallelism), parallelism, "The parallelism must be positive.");
        var result = new AsiTrajectory[count];
        int next = -1;
        var workers = Enumerable.Range(0, Math.Min(parallelism, Math.Max(count, 1))).Select(_ => Task.Run(() =>
        {
            using var env = Gym.Make<byte[], int>(envId);
            for (int i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
                result[i] = Record(env, firstSeed + i);
        })).ToArray();
        Task.WhenAll(workers).GetAwaiter().GetResult();
        return result;
    }
}
