using RlFramework.Replay.MessagePack;

namespace RlFramework.Replay.Files;

/// <summary>Reads the fields of a checksummed file's top-level map by name, with errors naming the file and field.</summary>
internal sealed class FieldReader : IDisposable
{
    private readonly string _path;
    private readonly int _count;
    private int _read;

    public FieldReader(string path)
    {
        _path = path;
        Reader = ChecksummedFile.OpenVerified(path, out _count);
    }

    public MessagePackReader Reader { get; }

    /// <summary>Reads the next key, which must be <paramref name="name"/>.</summary>
    public void Expect(string name)
    {
        if (_read >= _count)
        {
            throw new InvalidDataException($"File '{_path}' ends its fields before '{name}'.");
        }

        long at = Reader.Offset;
        string key = Wrap(() => Reader.ReadString());
        if (key != name)
        {
            throw new InvalidDataException($"File '{_path}' has field '{key}' at byte offset {at}; expected '{name}'.");
        }

        _read++;
    }

    public string String(string name)
    {
        Expect(name);
        return Wrap(() => Reader.ReadString());
    }

    public long Int64(string name)
    {
        Expect(name);
        return Wrap(() => Reader.ReadInt64());
    }

    public int Int32(string name, int min = int.MinValue, int max = int.MaxValue)
    {
        Expect(name);
        long at = Reader.Offset;
        int v = Wrap(() => Reader.ReadInt32());
        if (v < min || v > max)
        {
            throw new InvalidDataException($"File '{_path}' field '{name}' at byte offset {at} is {v}; expected a value in [{min}, {max}].");
        }

        return v;
    }

    public double Double(string name)
    {
        Expect(name);
        return Wrap(() => Reader.ReadDouble());
    }

    public void Array<T>(string name, Span<T> destination)
        where T : unmanaged
    {
        Expect(name);
        var reader = Reader;
        try
        {
            reader.ReadLittleEndianArray(destination);
        }
        catch (MessagePackFormatException e)
        {
            throw new InvalidDataException($"File '{_path}' field '{name}': {e.Message}", e);
        }
    }

    public void Format(string expectedFormat, int maxVersion)
    {
        string format = String("format");
        if (format != expectedFormat)
        {
            throw new InvalidDataException($"File '{_path}' holds '{format}'; expected '{expectedFormat}'.");
        }

        int version = Int32("version");
        if (version < 1 || version > maxVersion)
        {
            throw new InvalidDataException($"File '{_path}' has format version {version}; this build reads versions 1..{maxVersion}.");
        }
    }

    public void End()
    {
        if (_read != _count)
        {
            throw new InvalidDataException($"File '{_path}' has {_count} fields; {_read} were expected.");
        }
    }

    public void Dispose() => Reader.Dispose();

    private T Wrap<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (MessagePackFormatException e)
        {
            throw ChecksummedFile.Corrupt(_path, e);
        }
    }
}
