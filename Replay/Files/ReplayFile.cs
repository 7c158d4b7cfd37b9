using MessagePack;
using RlFramework.Replay.Storage;

namespace RlFramework.Replay.Files;

/// <summary>
/// The replay file format the three buffers share (docs/episode-format.md): one checksummed MessagePack map, written
/// atomically, that starts with the same head (format, version, layout, extra fields, sampler state) and ring
/// (count, position, the columns of the rows in use), and ends with the buffer's own fields. Version 2 is written;
/// version 1 (before extra fields, field order per buffer) is read.
/// </summary>
internal static class ReplayFile
{
    /// <summary>The version written.</summary>
    public const int Version = 2;

    /// <summary>format, version, capacity, observation_size, action_size, action_dtype, extra_fields, rng.</summary>
    public const int HeadFields = 8;

    /// <summary>Writes head, ring and the buffer's <paramref name="ownFields"/> fields (written by <paramref name="writeOwn"/>) to <paramref name="path"/>.</summary>
    public static void Save<TAction>(string path, string format, TransitionRing<TAction> ring, ReplayRandom random, int ownFields, WriteFields writeOwn)
        where TAction : unmanaged =>
        ChecksummedFile.Write(path, HeadFields + TransitionRing<TAction>.FileFields + ownFields, (ref MessagePackWriter w) =>
        {
            TransitionColumns<TAction> columns = ring.Columns;
            w.Write("format");
            w.Write(format);
            w.Write("version");
            w.Write(Version);
            w.Write("capacity");
            w.Write(ring.Capacity);
            w.Write("observation_size");
            w.Write(columns.ObservationSize);
            w.Write("action_size");
            w.Write(columns.ActionSize);
            w.Write("action_dtype");
            w.Write(LittleEndianArrays.DType<TAction>());
            w.Write("extra_fields");
            w.WriteArrayHeader(columns.ExtraFields.Length);
            foreach (string name in columns.ExtraFields)
            {
                w.Write(name);
            }

            w.Write("rng");
            var (s0, s1, s2, s3) = random.State;
            w.WriteArrayHeader(4);
            w.Write(s0);
            w.Write(s1);
            w.Write(s2);
            w.Write(s3);
            ring.Write(ref w);
            writeOwn(ref w);
        });

    /// <summary>
    /// Opens <paramref name="path"/> (checksum checked), refuses another format, and reads the layout. A version-1
    /// file's actions end with the elements <paramref name="formerActionExtras"/> names (int actions only); they are
    /// read as extra fields of those names. Version 2 declares its extra fields and ignores <paramref name="formerActionExtras"/>.
    /// </summary>
    public static FieldReader Open<TAction>(string path, string format, IReadOnlyList<string>? formerActionExtras, out ReplayLayout layout)
        where TAction : unmanaged
    {
        var f = new FieldReader(path);
        int version = f.Format(format, Version);
        int capacity = f.Int32("capacity", 1);
        int observationSize = f.Int32("observation_size", 1);
        int actionSize = f.Int32("action_size", 1);
        string dtype = f.String("action_dtype");
        if (dtype != LittleEndianArrays.DType<TAction>())
        {
            throw new InvalidDataException($"File '{path}' stores actions of dtype '{dtype}'; this buffer's actions are {typeof(TAction).Name} ('{LittleEndianArrays.DType<TAction>()}').");
        }

        string[] extras = version == 1 ? ExtraFieldNames.Check(formerActionExtras, nameof(formerActionExtras)) : CheckedNames(path, f.Strings("extra_fields"));
        if (version == 1 && extras.Length > 0)
        {
            if (typeof(TAction) != typeof(int))
            {
                throw new ArgumentException($"Extra fields are int32; a version-1 file of {typeof(TAction).Name} actions cannot hold them.", nameof(formerActionExtras));
            }

            if (actionSize <= extras.Length)
            {
                throw new InvalidDataException($"File '{path}' stores {actionSize} action elements; expected the action followed by {string.Join(", ", extras)}.");
            }

            actionSize -= extras.Length;
        }

        layout = new ReplayLayout(version, capacity, observationSize, actionSize, extras);
        return f;
    }

    private static string[] CheckedNames(string path, string[] names)
    {
        try
        {
            return ExtraFieldNames.Check(names, "extra_fields");
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"File '{path}': {e.Message}", e);
        }
    }
}
