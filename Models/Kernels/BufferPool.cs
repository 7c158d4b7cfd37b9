namespace RlFramework.Models.Kernels;

/// <summary>Exact-length pools of float arrays, so steady-state loops reuse tensor storage. Each thread has its own
/// pool (an array goes back to the pool of the thread that returns it): a thread then reuses memory that is already in
/// its own core's cache, never lines another core has just written, and renting takes no lock.</summary>
internal static class BufferPool
{
    private const int MaxPerSize = 64;
    [ThreadStatic] private static Dictionary<int, Stack<float[]>>? t_pool;
    private static long s_outstandingBytes;

    /// <summary>Bytes rented and not yet returned (storage of tensors the GC reclaimed without disposal stays counted).</summary>
    public static long OutstandingBytes => Interlocked.Read(ref s_outstandingBytes);

    /// <summary>Rents an array of exactly <paramref name="length"/> floats (contents undefined unless <paramref name="clear"/>).</summary>
    public static float[] Rent(int length, bool clear)
    {
        if (length == 0) return [];
        Interlocked.Add(ref s_outstandingBytes, sizeof(float) * (long)length);
        float[]? arr = null;
        if (t_pool is { } pool && pool.TryGetValue(length, out var stack) && stack.Count > 0) arr = stack.Pop();
        if (arr is null) return new float[length];
        if (clear) Array.Clear(arr);
        return arr;
    }

    /// <summary>Returns an array to the pool.</summary>
    public static void Return(float[] arr)
    {
        if (arr.Length == 0) return;
        Interlocked.Add(ref s_outstandingBytes, -sizeof(float) * (long)arr.Length);
        var pool = t_pool ??= new Dictionary<int, Stack<float[]>>();
        if (!pool.TryGetValue(arr.Length, out var stack)) pool[arr.Length] = stack = new Stack<float[]>();
        if (stack.Count < MaxPerSize) stack.Push(arr);
    }
}
