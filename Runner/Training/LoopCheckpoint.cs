namespace RlFramework.Runner.Training;

/// <summary>The training loop's own state in a checkpoint (loop.json): where every env stands and what it has earned so far.</summary>
/// <param name="Observations">The current observation of every env, env-major.</param>
/// <param name="Returns">The running episode return of every env.</param>
/// <param name="Lengths">The running episode length of every env.</param>
/// <param name="Episodes">Episodes finished so far.</param>
/// <param name="Envs">Every sub-env's snapshot (<see cref="RlFramework.Envs.EnvSnapshot.Values"/>).</param>
public sealed record LoopCheckpoint(float[] Observations, double[] Returns, int[] Lengths, long Episodes, IReadOnlyList<IReadOnlyDictionary<string, string>> Envs);
