using RlFramework.Envs.Vector;

namespace RlFramework.Envs.Tests.Vector;

/// <summary>Builds vector envs in either mode and records trajectories for comparisons.</summary>
internal static class VectorTestSupport
{
    public static VectorEnv<float, int> Create(VectorMode mode, IEnumerable<Func<IEnv<float[], int>>> factories,
        AutoresetMode autoreset = AutoresetMode.NextStep, int? workers = null) => mode switch
        {
            VectorMode.Sync => new SyncVectorEnv<float, int>(factories, autoreset),
            _ => new ParallelVectorEnv<float, int>(factories, autoreset, workers),
        };

    /// <summary>Every step's observations, rewards, flags and (SameStep) final observations, flattened to comparable arrays.</summary>
    public sealed record Trajectory(List<float[]> Observations, List<double[]> Rewards, List<bool[]> Terminated, List<bool[]> Truncated, List<float[]?[]> Finals);

    public static Trajectory Run(IVectorEnv<float, int> envs, int seed, int steps, int actionSeed)
    {
        var random = new Random(actionSeed);
        var trajectory = new Trajectory([], [], [], [], []);
        var reset = envs.Reset(seed);
        trajectory.Observations.Add(reset.Observations.ToArray());
        var actions = new int[envs.NumEnvs];
        var space = envs.SingleActionSpace;
        for (int t = 0; t < steps; t++)
        {
            for (int i = 0; i < actions.Length; i++) actions[i] = random.Next(((RlFramework.Envs.Spaces.Discrete)space).N);
            var result = envs.Step(actions);
            trajectory.Observations.Add(result.Observations.ToArray());
            trajectory.Rewards.Add(result.Rewards.ToArray());
            trajectory.Terminated.Add(result.Terminated.ToArray());
            trajectory.Truncated.Add(result.Truncated.ToArray());
            var finals = new float[]?[envs.NumEnvs];
            for (int i = 0; i < finals.Length; i++)
                finals[i] = result.HasFinalObservation(i) ? result.FinalObservation(i).ToArray() : null;
            trajectory.Finals.Add(finals);
        }
        return trajectory;
    }

    /// <summary>True when both trajectories are bit-identical (floats compared by their bits).</summary>
    public static bool BitIdentical(Trajectory a, Trajectory b, out string difference)
    {
        difference = "";
        if (a.Observations.Count != b.Observations.Count) { difference = "lengths differ"; return false; }
        for (int t = 0; t < a.Observations.Count; t++)
        {
            if (!Bits(a.Observations[t]).SequenceEqual(Bits(b.Observations[t]))) { difference = $"observations differ at step {t}"; return false; }
            if (t == 0) continue;
            int s = t - 1;
            if (!a.Rewards[s].Select(BitConverter.DoubleToInt64Bits).SequenceEqual(b.Rewards[s].Select(BitConverter.DoubleToInt64Bits))) { difference = $"rewards differ at step {t}"; return false; }
            if (!a.Terminated[s].SequenceEqual(b.Terminated[s]) || !a.Truncated[s].SequenceEqual(b.Truncated[s])) { difference = $"flags differ at step {t}"; return false; }
            for (int i = 0; i < a.Finals[s].Length; i++)
            {
                var fa = a.Finals[s][i];
                var fb = b.Finals[s][i];
                if ((fa is null) != (fb is null) || (fa is not null && !Bits(fa).SequenceEqual(Bits(fb!)))) { difference = $"final observation of sub-env {i} differs at step {t}"; return false; }
            }
        }
        return true;
    }

    private static IEnumerable<int> Bits(float[] values) => values.Select(BitConverter.SingleToInt32Bits);
}
