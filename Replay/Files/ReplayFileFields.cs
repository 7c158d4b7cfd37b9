using MessagePack;

namespace RlFramework.Replay.Files;

/// <summary>
/// The field groups the replay files share, so each file's field count is a sum of named parts: the header (format,
/// version), the layout (capacity, observation_size, action_size, action_dtype) and the six transition columns
/// (observations, next_observations, actions, rewards, terminated, truncated).
/// </summary>
internal static class ReplayFileFields
{
    /// <summary>format, version.</summary>
    public const int Header = 2;

    /// <summary>capacity, observation_size, action_size, action_dtype.</summary>
    public const int Layout = 4;

    /// <summary>observations, next_observations, actions, rewards, terminated, truncated.</summary>
    public const int Columns = 6;

    /// <summary>Writes the header of a version-1 file of <paramref name="format"/>.</summary>
    public static void WriteHeader(ref MessagePackWriter w, string format)
    {
        w.Write("format");
        w.Write(format);
        w.Write("version");
        w.Write(1);
    }

    /// <summary>Writes the layout of a buffer of <typeparamref name="TAction"/> actions.</summary>
    public static void WriteLayout<TAction>(ref MessagePackWriter w, int capacity, int observationSize, int actionSize)
        where TAction : unmanaged
    {
        w.Write("capacity");
        w.Write(capacity);
        w.Write("observation_size");
        w.Write(observationSize);
        w.Write("action_size");
        w.Write(actionSize);
        w.Write("action_dtype");
        w.Write(LittleEndianArrays.DType<TAction>());
    }

    /// <summary>Reads the layout, refusing a file whose actions are not <typeparamref name="TAction"/>.</summary>
    public static (int Capacity, int ObservationSize, int ActionSize) ReadLayout<TAction>(ref FieldReader f, string path)
        where TAction : unmanaged
    {
        int capacity = f.Int32("capacity", 1);
        int observationSize = f.Int32("observation_size", 1);
        int actionSize = f.Int32("action_size", 1);
        string dtype = f.String("action_dtype");
        if (dtype != LittleEndianArrays.DType<TAction>())
        {
            throw new InvalidDataException($"File '{path}' stores actions of dtype '{dtype}'; this buffer's actions are {typeof(TAction).Name} ('{LittleEndianArrays.DType<TAction>()}').");
        }

        return (capacity, observationSize, actionSize);
    }

    /// <summary>Writes the six transition columns (rows already cut to the stored ones).</summary>
    public static void WriteColumns<TAction>(ref MessagePackWriter w, ReadOnlySpan<float> observations, ReadOnlySpan<float> nextObservations,
        ReadOnlySpan<TAction> actions, ReadOnlySpan<float> rewards, ReadOnlySpan<bool> terminated, ReadOnlySpan<bool> truncated)
        where TAction : unmanaged
    {
        w.Write("observations");
        w.WriteLittleEndianArray(observations);
        w.Write("next_observations");
        w.WriteLittleEndianArray(nextObservations);
        w.Write("actions");
        w.WriteLittleEndianArray(actions);
        w.Write("rewards");
        w.WriteLittleEndianArray(rewards);
        w.Write("terminated");
        w.WriteLittleEndianArray(terminated);
        w.Write("truncated");
        w.WriteLittleEndianArray(truncated);
    }
}
