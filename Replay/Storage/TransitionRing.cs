using MessagePack;
using RlFramework.Replay.Files;

namespace RlFramework.Replay.Storage;

/// <summary>
/// The storage under every replay buffer: <see cref="TransitionColumns{TAction}"/> of <see cref="Capacity"/> rows
/// written as a ring. <see cref="Position"/> is the row the next write goes to; <see cref="Count"/> is how many rows
/// from 0 hold data (the high-water mark; all rows once the ring has wrapped). Sampling is up to the buffer on top.
/// </summary>
internal sealed class TransitionRing<TAction>
    where TAction : unmanaged
{
    /// <summary>count, position and the column fields.</summary>
    public const int FileFields = 2 + TransitionColumns<TAction>.FileFields;

    /// <summary>An empty ring of <paramref name="capacity"/> rows.</summary>
    public TransitionRing(int capacity, int observationSize, int actionSize, string[] extraFields)
    {
        Guard.Positive(capacity, nameof(capacity));
        Guard.Positive(observationSize, nameof(observationSize));
        Guard.Positive(actionSize, nameof(actionSize));
        Columns = new TransitionColumns<TAction>(capacity, observationSize, actionSize, extraFields);
    }

    /// <summary>The rows.</summary>
    public TransitionColumns<TAction> Columns { get; }

    /// <summary>Rows in the ring.</summary>
    public int Capacity => Columns.Rows;

    /// <summary>Rows [0, Count) hold data.</summary>
    public int Count { get; private set; }

    /// <summary>The row the next write goes to.</summary>
    public int Position { get; private set; }

    /// <summary>Writes one step at <see cref="Position"/> and returns its row.</summary>
    public int Add(ReadOnlySpan<float> observation, ReadOnlySpan<TAction> action, float reward, ReadOnlySpan<float> nextObservation, bool terminated, bool truncated, ReadOnlySpan<int> extras)
    {
        Columns.CheckStep(observation, action, nextObservation, extras);
        int row = Position;
        Columns.Set(row, observation, action, reward, nextObservation, terminated, truncated, extras);
        Advance(1);
        return row;
    }

    /// <summary>Writes n = <c>rewards.Length</c> steps (row-major parts), wrapping at the end; returns the row of the first.</summary>
    public int AddRows(ReadOnlySpan<float> observations, ReadOnlySpan<TAction> actions, ReadOnlySpan<float> rewards, ReadOnlySpan<float> nextObservations, ReadOnlySpan<bool> terminated, ReadOnlySpan<bool> truncated, ReadOnlySpan<int> extras)
    {
        int n = rewards.Length;
        Columns.CheckSteps(n, observations, actions, nextObservations, terminated, truncated, extras);
        int first = Position;
        int done = 0;
        while (done < n)
        {
            // Copy the longest run that fits before the end of the ring.
            int run = Math.Min(n - done, Capacity - Position);
            Columns.SetRows(Position, done, run, observations, actions, rewards, nextObservations, terminated, truncated, extras);
            Advance(run);
            done += run;
        }

        return first;
    }

    /// <summary>Copies rows [0, n) of <paramref name="source"/> to <see cref="Position"/> (they must fit before the end) and returns the first row.</summary>
    public int Append(TransitionColumns<TAction> source, int n)
    {
        int first = Position;
        source.CopyRows(0, Columns, first, n);
        Advance(n);
        return first;
    }

    /// <summary>Moves the write position back to row 0 (for a run of rows that would not fit before the end).</summary>
    public void Rewind() => Position = 0;

    /// <summary>Forgets every row.</summary>
    public void Clear() => (Count, Position) = (0, 0);

    /// <summary>Returns <paramref name="row"/> if it holds data; throws otherwise.</summary>
    public int CheckRow(int row, string name)
    {
        if ((uint)row >= (uint)Count)
        {
            throw new ArgumentOutOfRangeException(name, row, $"Expected a slot in [0, {Count}).");
        }

        return row;
    }

    /// <summary>Writes count, position and the columns of rows [0, Count).</summary>
    public void Write(ref MessagePackWriter w)
    {
        w.Write("count");
        w.Write(Count);
        w.Write("position");
        w.Write(Position);
        Columns.Write(ref w, Count);
    }

    /// <summary>Reads what <see cref="Write"/> wrote.</summary>
    public void Read(ref FieldReader f, ReplayLayout layout, string path)
    {
        int count = f.Int32("count", 0, Capacity);
        int position = f.Int32("position", 0, Capacity - 1);
        Restore(count, position, path);
        Columns.Read(ref f, count, layout);
    }

    /// <summary>Sets the counters read from <paramref name="path"/>, refusing a position beyond the rows in use.</summary>
    public void Restore(int count, int position, string path)
    {
        if (position > count)
        {
            throw new InvalidDataException($"File '{path}' has inconsistent counters: count {count}, position {position}, capacity {Capacity}.");
        }

        (Count, Position) = (count, position);
    }

    /// <summary>Rows [Position, Position + n) hold data now; Position moves on (to 0 at the end).</summary>
    private void Advance(int n)
    {
        int end = Position + n;
        Count = Math.Max(Count, end);
        Position = end == Capacity ? 0 : end;
    }
}
