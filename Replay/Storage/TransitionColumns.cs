using System.Runtime.Intrinsics.X86;
using MessagePack;
using RlFramework.Replay.Files;

namespace RlFramework.Replay.Storage;

/// <summary>
/// Rows of transitions, one array per column: observation and next observation (<see cref="ObservationSize"/> floats
/// each), action (<see cref="ActionSize"/> elements), reward, terminated, truncated, and one int32 column per extra
/// field. The replay rings, the episodes in progress and the batches all keep their rows in one of these, so
/// checking, copying, clearing and saving rows is written once.
/// </summary>
internal sealed class TransitionColumns<TAction>
    where TAction : unmanaged
{
    /// <summary>The column fields in a file: observations, next_observations, actions, rewards, terminated, truncated, extras.</summary>
    public const int FileFields = 7;

    /// <summary>The longest row <see cref="CopyRow"/> copies element by element.</summary>
    private const int ShortRow = 8;

    /// <summary>Allocates <paramref name="rows"/> rows.</summary>
    public TransitionColumns(int rows, int observationSize, int actionSize, string[] extraFields)
    {
        ObservationSize = observationSize;
        ActionSize = actionSize;
        ExtraFields = extraFields;
        Observations = new float[checked(rows * observationSize)];
        NextObservations = new float[rows * observationSize];
        Actions = new TAction[checked(rows * actionSize)];
        Rewards = new float[rows];
        Terminated = new bool[rows];
        Truncated = new bool[rows];
        Extras = new int[extraFields.Length][];
        for (int f = 0; f < Extras.Length; f++)
        {
            Extras[f] = new int[rows];
        }
    }

    /// <summary>Rows allocated.</summary>
    public int Rows => Rewards.Length;

    /// <summary>Floats per observation.</summary>
    public int ObservationSize { get; }

    /// <summary>Action elements per row.</summary>
    public int ActionSize { get; }

    /// <summary>Names of the extra fields, one int32 column each.</summary>
    public string[] ExtraFields { get; }

    /// <summary>[Rows, ObservationSize].</summary>
    public float[] Observations { get; private set; }

    /// <summary>[Rows, ObservationSize].</summary>
    public float[] NextObservations { get; private set; }

    /// <summary>[Rows, ActionSize].</summary>
    public TAction[] Actions { get; private set; }

    /// <summary>[Rows].</summary>
    public float[] Rewards { get; private set; }

    /// <summary>[Rows].</summary>
    public bool[] Terminated { get; private set; }

    /// <summary>[Rows].</summary>
    public bool[] Truncated { get; private set; }

    /// <summary>One [Rows] column per extra field, in <see cref="ExtraFields"/> order.</summary>
    public int[][] Extras { get; private set; }

    /// <summary>Refuses a step whose parts do not have this layout's lengths.</summary>
    public void CheckStep(ReadOnlySpan<float> observation, ReadOnlySpan<TAction> action, ReadOnlySpan<float> nextObservation, ReadOnlySpan<int> extras)
    {
        Guard.Length(observation.Length, ObservationSize, nameof(observation), "the observation size");
        Guard.Length(nextObservation.Length, ObservationSize, nameof(nextObservation), "the observation size");
        Guard.Length(action.Length, ActionSize, nameof(action), "the action size");
        CheckExtras(extras.Length, 1);
    }

    /// <summary>Refuses <paramref name="n"/> steps whose row-major parts do not have this layout's lengths.</summary>
    public void CheckSteps(int n, ReadOnlySpan<float> observations, ReadOnlySpan<TAction> actions, ReadOnlySpan<float> nextObservations, ReadOnlySpan<bool> terminated, ReadOnlySpan<bool> truncated, ReadOnlySpan<int> extras)
    {
        Guard.Rows(observations.Length, n, ObservationSize, nameof(observations));
        Guard.Rows(nextObservations.Length, n, ObservationSize, nameof(nextObservations));
        Guard.Rows(actions.Length, n, ActionSize, nameof(actions));
        Guard.PerRow(terminated.Length, n, nameof(terminated));
        Guard.PerRow(truncated.Length, n, nameof(truncated));
        CheckExtras(extras.Length, n);
    }

    /// <summary>Refuses a batch or episode whose observation or action size differs from these columns'.</summary>
    public void CheckShape(string what, int observationSize, int actionSize, string parameter)
    {
        if (observationSize != ObservationSize || actionSize != ActionSize)
        {
            throw new ArgumentException(
                $"{what} has observation size {observationSize} and action size {actionSize}; this buffer has {ObservationSize} and {ActionSize}.",
                parameter);
        }
    }

    /// <summary>Refuses a batch whose extra fields differ from these columns'.</summary>
    public void CheckExtraFields(string[] fields, string parameter)
    {
        if (!fields.AsSpan().SequenceEqual(ExtraFields))
        {
            throw new ArgumentException(
                $"Batch has the extra fields [{string.Join(", ", fields)}]; this buffer has [{string.Join(", ", ExtraFields)}].", parameter);
        }
    }

    /// <summary>Writes one step into <paramref name="row"/> (checked by <see cref="CheckStep"/>).</summary>
    public void Set(int row, ReadOnlySpan<float> observation, ReadOnlySpan<TAction> action, float reward, ReadOnlySpan<float> nextObservation, bool terminated, bool truncated, ReadOnlySpan<int> extras)
    {
        int o = ObservationSize, a = ActionSize;
        observation.CopyTo(Observations.AsSpan(row * o, o));
        nextObservation.CopyTo(NextObservations.AsSpan(row * o, o));
        action.CopyTo(Actions.AsSpan(row * a, a));
        Rewards[row] = reward;
        Terminated[row] = terminated;
        Truncated[row] = truncated;
        for (int f = 0; f < extras.Length; f++)
        {
            Extras[f][row] = extras[f];
        }
    }

    /// <summary>
    /// Writes <paramref name="n"/> steps into rows [row, row + n), taking rows [from, from + n) of the row-major parts
    /// (extras: <see cref="ExtraFields"/> values per step).
    /// </summary>
    public void SetRows(int row, int from, int n, ReadOnlySpan<float> observations, ReadOnlySpan<TAction> actions, ReadOnlySpan<float> rewards, ReadOnlySpan<float> nextObservations, ReadOnlySpan<bool> terminated, ReadOnlySpan<bool> truncated, ReadOnlySpan<int> extras)
    {
        int o = ObservationSize, a = ActionSize;
        observations.Slice(from * o, n * o).CopyTo(Observations.AsSpan(row * o));
        nextObservations.Slice(from * o, n * o).CopyTo(NextObservations.AsSpan(row * o));
        actions.Slice(from * a, n * a).CopyTo(Actions.AsSpan(row * a));
        rewards.Slice(from, n).CopyTo(Rewards.AsSpan(row));
        terminated.Slice(from, n).CopyTo(Terminated.AsSpan(row));
        truncated.Slice(from, n).CopyTo(Truncated.AsSpan(row));
        int e = Extras.Length;
        for (int k = 0; k < n; k++)
        {
            for (int f = 0; f < e; f++)
            {
                Extras[f][row + k] = extras[((from + k) * e) + f];
            }
        }
    }

    /// <summary>Copies row <paramref name="from"/> to row <paramref name="to"/> of <paramref name="destination"/> (same layout).</summary>
    public void CopyRow(int from, TransitionColumns<TAction> destination, int to)
    {
        int o = ObservationSize, a = ActionSize;
        CopyShort(Observations.AsSpan(from * o, o), destination.Observations.AsSpan(to * o, o));
        CopyShort(NextObservations.AsSpan(from * o, o), destination.NextObservations.AsSpan(to * o, o));
        CopyShort(Actions.AsSpan(from * a, a), destination.Actions.AsSpan(to * a, a));
        destination.Rewards[to] = Rewards[from];
        destination.Terminated[to] = Terminated[from];
        destination.Truncated[to] = Truncated[from];
        for (int f = 0; f < Extras.Length; f++)
        {
            destination.Extras[f][to] = Extras[f][from];
        }
    }

    /// <summary>Copies rows [from, from + n) to rows [to, to + n) of <paramref name="destination"/> (same layout).</summary>
    public void CopyRows(int from, TransitionColumns<TAction> destination, int to, int n)
    {
        int o = ObservationSize, a = ActionSize;
        Observations.AsSpan(from * o, n * o).CopyTo(destination.Observations.AsSpan(to * o));
        NextObservations.AsSpan(from * o, n * o).CopyTo(destination.NextObservations.AsSpan(to * o));
        Actions.AsSpan(from * a, n * a).CopyTo(destination.Actions.AsSpan(to * a));
        Rewards.AsSpan(from, n).CopyTo(destination.Rewards.AsSpan(to));
        Terminated.AsSpan(from, n).CopyTo(destination.Terminated.AsSpan(to));
        Truncated.AsSpan(from, n).CopyTo(destination.Truncated.AsSpan(to));
        for (int f = 0; f < Extras.Length; f++)
        {
            Extras[f].AsSpan(from, n).CopyTo(destination.Extras[f].AsSpan(to));
        }
    }

    /// <summary>Zeroes rows [row, row + n).</summary>
    public void ClearRows(int row, int n)
    {
        int o = ObservationSize, a = ActionSize;
        Observations.AsSpan(row * o, n * o).Clear();
        NextObservations.AsSpan(row * o, n * o).Clear();
        Actions.AsSpan(row * a, n * a).Clear();
        Rewards.AsSpan(row, n).Clear();
        Terminated.AsSpan(row, n).Clear();
        Truncated.AsSpan(row, n).Clear();
        foreach (int[] extra in Extras)
        {
            extra.AsSpan(row, n).Clear();
        }
    }

    /// <summary>Grows (doubling, keeping the contents) until at least <paramref name="rows"/> rows are allocated.</summary>
    public void EnsureRows(int rows)
    {
        int allocated = Rows;
        if (allocated >= rows)
        {
            return;
        }

        while (allocated < rows)
        {
            allocated = Math.Max(1, allocated * 2);
        }

        var grown = new TransitionColumns<TAction>(allocated, ObservationSize, ActionSize, ExtraFields);
        CopyRows(0, grown, 0, Rows);
        (Observations, NextObservations, Actions) = (grown.Observations, grown.NextObservations, grown.Actions);
        (Rewards, Terminated, Truncated, Extras) = (grown.Rewards, grown.Terminated, grown.Truncated, grown.Extras);
    }

    /// <summary>
    /// Asks the CPU to load every row <paramref name="rows"/> names before a gather starts, so that the cache misses of
    /// a random batch overlap instead of stalling one after another (a buffer is larger than L2).
    /// </summary>
    public unsafe void Prefetch(int[] rows)
    {
        if (!Sse.IsSupported)
        {
            return;
        }

        int o = ObservationSize, a = ActionSize;
        fixed (float* observations = Observations, next = NextObservations, rewards = Rewards)
        fixed (TAction* actions = Actions)
        fixed (bool* terminated = Terminated, truncated = Truncated)
        {
            foreach (int row in rows)
            {
                Sse.Prefetch0(observations + (row * o));
                Sse.Prefetch0(next + (row * o));
                Sse.Prefetch0(actions + (row * a));
                Sse.Prefetch0(rewards + row);
                Sse.Prefetch0(terminated + row);
                Sse.Prefetch0(truncated + row);
            }
        }

        foreach (int[] column in Extras)
        {
            fixed (int* extra = column)
            {
                foreach (int row in rows)
                {
                    Sse.Prefetch0(extra + row);
                }
            }
        }
    }

    /// <summary>Writes the <see cref="FileFields"/> column fields of the first <paramref name="rows"/> rows.</summary>
    public void Write(ref MessagePackWriter w, int rows)
    {
        int o = ObservationSize, a = ActionSize;
        w.Write("observations");
        w.WriteLittleEndianArray<float>(Observations.AsSpan(0, rows * o));
        w.Write("next_observations");
        w.WriteLittleEndianArray<float>(NextObservations.AsSpan(0, rows * o));
        w.Write("actions");
        w.WriteLittleEndianArray<TAction>(Actions.AsSpan(0, rows * a));
        w.Write("rewards");
        w.WriteLittleEndianArray<float>(Rewards.AsSpan(0, rows));
        w.Write("terminated");
        w.WriteLittleEndianArray<bool>(Terminated.AsSpan(0, rows));
        w.Write("truncated");
        w.WriteLittleEndianArray<bool>(Truncated.AsSpan(0, rows));
        w.Write("extras");
        w.WriteArrayHeader(Extras.Length);
        foreach (int[] extra in Extras)
        {
            w.WriteLittleEndianArray<int>(extra.AsSpan(0, rows));
        }
    }

    /// <summary>
    /// Reads the column fields of <paramref name="rows"/> rows into rows [0, rows): version 2's seven, or version 1's
    /// six, whose actions carried <paramref name="layout"/>'s extra fields as trailing action elements.
    /// </summary>
    public void Read(ref FieldReader f, int rows, ReplayLayout layout)
    {
        int o = ObservationSize, a = ActionSize;
        f.Array<float>("observations", Observations.AsSpan(0, rows * o));
        f.Array<float>("next_observations", NextObservations.AsSpan(0, rows * o));
        if (layout.Version == 1 && Extras.Length > 0)
        {
            ReadActionsWithExtras(ref f, rows);
        }
        else
        {
            f.Array<TAction>("actions", Actions.AsSpan(0, rows * a));
        }

        f.Array<float>("rewards", Rewards.AsSpan(0, rows));
        f.Array<bool>("terminated", Terminated.AsSpan(0, rows));
        f.Array<bool>("truncated", Truncated.AsSpan(0, rows));
        if (layout.Version == 1)
        {
            return;
        }

        f.ArrayHeader("extras", Extras.Length);
        for (int k = 0; k < Extras.Length; k++)
        {
            f.Value<int>($"extras[{k}] ({ExtraFields[k]})", Extras[k].AsSpan(0, rows));
        }
    }

    /// <summary>Version 1 stored [action..., extra...] per row in the actions column; splits them (int actions only).</summary>
    private void ReadActionsWithExtras(ref FieldReader f, int rows)
    {
        int a = ActionSize, e = Extras.Length, stored = a + e;
        var both = new int[rows * stored];
        f.Array<int>("actions", both);
        var actions = (int[])(object)Actions;
        for (int r = 0; r < rows; r++)
        {
            both.AsSpan(r * stored, a).CopyTo(actions.AsSpan(r * a));
            for (int k = 0; k < e; k++)
            {
                Extras[k][r] = both[(r * stored) + a + k];
            }
        }
    }

    /// <summary>Copies a row: element by element when it is short (CartPole's 4 floats, one action), where a block copy's call costs more than the copy.</summary>
    private static void CopyShort<T>(Span<T> source, Span<T> destination)
    {
        if (source.Length > ShortRow)
        {
            source.CopyTo(destination);
            return;
        }

        for (int j = 0; j < source.Length; j++)
        {
            destination[j] = source[j];
        }
    }

    private void CheckExtras(int length, int rows)
    {
        if (length != rows * Extras.Length)
        {
            string fields = Extras.Length == 0 ? "none" : string.Join(", ", ExtraFields);
            throw new ArgumentException($"extras has {length} values; expected {rows * Extras.Length} ({rows} × the extra fields: {fields}).", "extras");
        }
    }
}
