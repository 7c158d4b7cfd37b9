namespace RlFramework.Envs.Vector;

/// <summary>How <see cref="Gym.MakeVec(string, int, VectorMode, AutoresetMode, IReadOnlyDictionary{string, object?}?, string?, int?, bool, int?)"/> runs the sub-envs (Gymnasium's <c>vectorization_mode</c>).</summary>
public enum VectorMode
{
    /// <summary>One after another on the calling thread (<see cref="SyncVectorEnv{T, TAct}"/>).</summary>
    Sync,

    /// <summary>On persistent worker threads, each owning a fixed slice of the sub-envs (<see cref="ParallelVectorEnv{T, TAct}"/>).</summary>
    Parallel,
}
