using System.Globalization;

namespace RlFramework.Runner.Cli;

/// <summary>Refuses a replay buffer that cannot be allocated, before anything is built: a clear message instead of an overflow or an out-of-memory crash.</summary>
internal static class ReplayMemory
{
    /// <summary>Bytes a stored transition takes besides its two observations (actions, reward, flags), rounded up.</summary>
    private const long TransitionOverhead = 16;

    /// <summary>Throws unless a buffer of <paramref name="capacity"/> transitions of <paramref name="observationSize"/> floats fits in an array and in the memory available.</summary>
    /// <exception cref="ArgumentException">It does not; the message names buffer_size, the memory needed and the memory available.</exception>
    public static void Check(string agent, long capacity, int observationSize)
    {
        if (capacity * observationSize > Array.MaxLength)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"{agent} config buffer_size = {capacity:N0} is too large: {capacity:N0} observations of {observationSize} values exceed the largest array ({Array.MaxLength:N0} values); lower buffer_size."));
        }

        long needed = capacity * (2L * observationSize * sizeof(float) + TransitionOverhead);
        var memory = GC.GetGCMemoryInfo();
        long available = memory.TotalAvailableMemoryBytes - memory.MemoryLoadBytes;
        if (needed > available)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"{agent} config buffer_size = {capacity:N0} needs {needed / 1e9:F1} GB for its replay buffer; {available / 1e9:F1} GB of memory are free; lower buffer_size."));
        }
    }
}
