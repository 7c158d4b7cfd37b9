namespace RlFramework.Runner.Experiments;

/// <summary>
/// The values built for the last few keys (a solved map, a task's clips), so the runs of one reproduction build them
/// once per process however many of its runs a worker gets. Thread-safe: a value is built once even when runs ask for
/// it together; a build that throws is forgotten, so the next run builds again.
/// </summary>
/// <typeparam name="T">The value.</typeparam>
/// <param name="capacity">Keys kept; the least recently used goes first.</param>
public sealed class RunCache<T>(int capacity)
{
    private readonly int _capacity = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "A cache needs room for one value at least.");
    private readonly LinkedList<(string Key, Lazy<T> Value)> _entries = new();
    private readonly Lock _gate = new();

    /// <summary>The value of <paramref name="key"/>, built by <paramref name="build"/> unless it is kept.</summary>
    public T Get(string key, Func<T> build)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(build);
        LinkedListNode<(string Key, Lazy<T> Value)> node;
        lock (_gate)
        {
            node = Find(key) ?? _entries.AddFirst((key, new Lazy<T>(build, LazyThreadSafetyMode.ExecutionAndPublication)));
            if (node != _entries.First)
            {
                _entries.Remove(node);
                _entries.AddFirst(node);
            }
            while (_entries.Count > _capacity) _entries.RemoveLast();
        }
        try
        {
            return node.Value.Value.Value;
        }
        catch
        {
            lock (_gate)
            {
                if (node.List is not null) _entries.Remove(node);
            }
            throw;
        }
    }

    private LinkedListNode<(string Key, Lazy<T> Value)>? Find(string key)
    {
        for (var node = _entries.First; node is not null; node = node.Next)
        {
            if (node.Value.Key == key) return node;
        }
        return null;
    }
}
