namespace RlFramework.Models.Kernels;

/// <summary>
/// Dedicated background threads for splitting one large GEMM by columns: partition 0 runs on the caller,
/// partitions 1..n-1 on the workers. Fixed partitioning and per-partition pack buffers; nothing is allocated per call.
/// One parallel product runs at a time (others wait).
/// </summary>
internal static unsafe class GemmWorkers
{

    private sealed class Worker
    {
        public readonly SemaphoreSlim Start = new(0);
        public readonly float[] PackA = new float[Gemm.PackASize];
        public readonly float[] PackB = new float[Gemm.PackBSize];
    }

    private static readonly Lock s_lock = new();
    private static readonly List<Worker> s_workers = new();
    private static readonly CountdownEvent s_done = new(1);
    private static delegate*<int, float*, float*, void> s_fn;
    private static Exception? s_error;

    /// <summary>Runs <paramref name="fn"/>(p, packA, packB) for p in 0..partitions-1 and waits for all.</summary>
    public static void Run(int partitions, delegate*<int, float*, float*, void> fn, float* callerPackA, float* callerPackB)
    {
        lock (s_lock)
        {
            while (s_workers.Count < partitions - 1)
            {
                var w = new Worker();
                int index = s_workers.Count + 1;
                s_workers.Add(w);
                var t = new Thread(() => Loop(w, index)) { IsBackground = true, Name = "RlFramework.Models GEMM worker " + index };
                t.Start();
            }
            s_fn = fn;
            s_error = null;
            s_done.Reset(partitions - 1);
            for (int i = 0; i < partitions - 1; i++) s_workers[i].Start.Release();
            try { fn(0, callerPackA, callerPackB); }
            finally { s_done.Wait(); }
            if (s_error is { } e) throw new InvalidOperationException("GEMM worker failed", e);
        }
    }

    private static void Loop(Worker w, int index)
    {
        while (true)
        {
            w.Start.Wait();
            try
            {
                fixed (float* pa = w.PackA) fixed (float* pb = w.PackB) s_fn(index, pa, pb);
            }
            catch (Exception e) { s_error = e; }
            finally { s_done.Signal(); }
        }
    }
}
