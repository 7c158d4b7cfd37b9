namespace RlFramework.Agents.Trainers.Asi;

/// <summary>
/// Keeps the garbage of the training chains and rollouts from piling up. Tensor storage is pooled only up to a few
/// dozen buffers per size, so a segment of a long chain leaves hundreds of dead buffers; on Funnel Board each passes
/// .NET's large-object threshold, and on a machine with free memory the GC lets such garbage grow to several GB before
/// it collects the large-object heap. Called after each chain segment and rollout, this collects (and compacts) the
/// whole heap once the managed heap has grown <see cref="Headroom"/> beyond what was live after the previous
/// collection, so a process's heap stays within its live data plus <see cref="Headroom"/>.
/// </summary>
internal static class GarbageBound
{
    /// <summary>Bytes the managed heap may grow beyond the live data of the last collection before the next one.</summary>
    public const long Headroom = 512L << 20;

    private static long s_limit = Headroom;

    /// <summary>Collects the whole heap if it has grown beyond the bound; cheap otherwise (one counter read).</summary>
    public static void Check()
    {
        if (GC.GetTotalMemory(forceFullCollection: false) <= Interlocked.Read(ref s_limit)) return;
        System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        Interlocked.Exchange(ref s_limit, GC.GetTotalMemory(forceFullCollection: false) + Headroom);
    }
}
