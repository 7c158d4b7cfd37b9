namespace RlFramework.Models.Kernels;

/// <summary>Exact-length pool of float arrays, so steady-state loops reuse tensor storage.</summary>
internal static class BufferPool
{
    private const int MaxPerSize = 64;
    private static readonly Dictionary<int, Stack<float[]>> s_pool = new();
    private static readonly Lock s_lock = new();
    private static long s_outstandingBytes;

    /// <summary>Bytes rented and not yet returned (storage of tensors the GC reclaimed without disposal stays counted).</summary>
    public static long OutstandingBytes => Interlocked.Read(ref s_outstandingBytes);

    /// <summary>Rents an array of exactly <paramref name="length"/> floats (contents undefined unless <paramref name="clear"/>).</summary>
    public static float[] Rent(int length, bool clear)
    {
        if (length == 0) return [];
        Interlocked.Add(ref s_outstandingBytes, sizeof(float) * (long)length);
        float[]? arr = null;
        lock (s_lock)
        {
            if (s_pool.TryGetValue(length, out var stack) && stack.Count > 0) arr = stack.Pop();
        }
        if (arr is null) return new float[length];
        if (clear) Array.Clear(arr);
        return arr;
    }

    /// <summary>Returns an array to the pool.</summary>
    public static void Return(float[] arr)
    {
        if (arr.Length == 0) return;
        Interlocked.Add(ref s_outstandingBytes, -sizeof(float) * (long)arr.Length);
        lock (s_lock)
        {
            if (!s_pool.TryGetValue(arr.Length, out var stack)) s_pool[arr.Length] = stack = new Stack<float[]>();
            if (stack.Count < MaxPerSize) stack.Push(arr);
        }
    }
}
