using MessagePack;

namespace RlFramework.Replay.Files;

/// <summary>Reads the fields of a checksummed file's top-level map by name, with errors naming the file and field.</summary>
internal ref struct FieldReader
{
    private readonly string _path;
    private readonly int _count;
    private int _read;

    /// <summary>The MessagePack-CSharp reader, positioned at the next field's value after <see cref="Expect"/>.</summary>
    public MessagePackReader Reader;

    public FieldReader(string path)
    {
        _path = path;
        Reader = ChecksummedFile.OpenVerified(path, out _count);
    }

    /// <summary>Reads the next key, which must be <paramref name="name"/>.</summary>
    public void Expect(string name)
    {
        if (_read >= _count)
        {
            throw new InvalidDataException($"File '{_path}' ends its fields before '{name}'.");
        }

        long at = Reader.Consumed;
        string? key;
        try
        {
            key = Reader.ReadString();
        }
        catch (Exception e) when (DecodeErrors.Is(e))
        {
            throw ChecksummedFile.Corrupt(_path, e);
        }

        if (key != name)
        {
            throw new InvalidDataException($"File '{_path}' has field '{key}' at byte offset {at}; expected '{name}'.");
        }

        _read++;
    }

    public string String(string name)
    {
        Expect(name);
        try
        {
            return Reader.ReadString() ?? throw new InvalidDataException($"File '{_path}' field '{name}' is nil; expected a string.");
        }
        catch (Exception e) when (DecodeErrors.Is(e))
        {
            throw ChecksummedFile.Corrupt(_path, e);
        }
    }

    public long Int64(string name)
    {
        Expect(name);
        try
        {
            return Reader.ReadInt64();
        }
        catch (Exception e) when (DecodeErrors.Is(e))
        {
            throw ChecksummedFile.Corrupt(_path, e);
        }
    }

    public int Int32(string name, int min = int.MinValue, int max = int.MaxValue)
    {
        long v = Int64(name);
        if (v < min || v > max)
        {
            throw new InvalidDataException($"File '{_path}' field '{name}' is {v}; expected a value in [{min}, {max}].");
        }

        return (int)v;
    }

    public double Double(string name)
    {
        Expect(name);
        try
        {
            return Reader.ReadDouble();
        }
        catch (Exception e) when (DecodeErrors.Is(e))
        {
            throw ChecksummedFile.Corrupt(_path, e);
        }
    }

    public void Array<T>(string name, Span<T> destination)
        where T : unmanaged
    {
        Expect(name);
        try
        {
            Reader.ReadLittleEndianArray(destination);
        }
        catch (Exception e) when (DecodeErrors.Is(e))
        {
            throw new InvalidDataException($"File '{_path}' field '{name}': {e.Message}", e);
        }
    }

    /// <summary>Reads the <c>rng</c> field: the 4 uint64 words of the sampler's state.</summary>
    public (ulong, ulong, ulong, ulong) RandomState()
    {
        Expect("rng");
        try
        {
            int n = Reader.ReadArrayHeader();
            if (n != 4)
            {
                throw new InvalidDataException($"File '{_path}' field 'rng' has {n} words; expected 4.");
            }

            return (Reader.ReadUInt64(), Reader.ReadUInt64(), Reader.ReadUInt64(), Reader.ReadUInt64());
        }
        catch (Exception e) when (DecodeErrors.Is(e))
        {
            throw ChecksummedFile.Corrupt(_path, e);
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
}
