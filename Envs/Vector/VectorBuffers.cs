using System.Collections.ObjectModel;

namespace RlFramework.Envs.Vector;

/// <summary>The preallocated batch a vector env writes every Reset and Step into; results are views of it.</summary>
internal sealed class VectorBuffers<T> where T : unmanaged
{
    public VectorBuffers(int numEnvs, int observationSize, bool keepFinal)
    {
        NumEnvs = numEnvs;
        ObservationSize = observationSize;
        Observations = new T[numEnvs * observationSize];
        Rewards = new double[numEnvs];
        Terminated = new bool[numEnvs];
        Truncated = new bool[numEnvs];
        Infos = new Info[numEnvs];
        Array.Fill(Infos, Info.Empty);
        InfoList = new ReadOnlyCollection<Info>(Infos);
        HasFinal = new bool[numEnvs];
        FinalObservations = keepFinal ? new T[numEnvs * observationSize] : [];
        FinalInfos = new Info[numEnvs];
        Array.Fill(FinalInfos, Info.Empty);
    }

    public int NumEnvs { get; }
    public int ObservationSize { get; }
    public T[] Observations { get; }
    public double[] Rewards { get; }
    public bool[] Terminated { get; }
    public bool[] Truncated { get; }
    public Info[] Infos { get; }
    public IReadOnlyList<Info> InfoList { get; }
    public bool[] HasFinal { get; }
    public T[] FinalObservations { get; }
    public Info[] FinalInfos { get; }

    public ReadOnlySpan<T> Row(int env)
    {
        CheckIndex(env);
        return new ReadOnlySpan<T>(Observations, env * ObservationSize, ObservationSize);
    }

    public ReadOnlySpan<T> FinalRow(int env)
    {
        CheckIndex(env);
        if (!HasFinal[env])
        {
            throw new InvalidOperationException(
                $"Sub-env {env} has no final observation from the last step: it exists only in AutoresetMode.SameStep, for a sub-env whose episode ended in that step (check HasFinalObservation).");
        }

        return new ReadOnlySpan<T>(FinalObservations, env * ObservationSize, ObservationSize);
    }

    public void CheckIndex(int env)
    {
        if ((uint)env >= (uint)NumEnvs)
            throw new ArgumentOutOfRangeException(nameof(env), env, $"The vector env has {NumEnvs} sub-envs (indices 0 to {NumEnvs - 1}).");
    }
}
