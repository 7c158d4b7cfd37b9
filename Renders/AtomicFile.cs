namespace RlFramework.Renders;

/// <summary>A file written under a temporary name next to its destination, then fsynced and renamed into place.</summary>
internal sealed class AtomicFile
{
    private AtomicFile(string finalPath, string tempPath)
    {
        FinalPath = finalPath;
        TempPath = tempPath;
    }

    /// <summary>Where the file ends up.</summary>
    internal string FinalPath { get; }

    /// <summary>Where it is written meanwhile (same directory, hidden name).</summary>
    internal string TempPath { get; }

    /// <summary>Picks a temp name for <paramref name="path"/>; creates the directory if needed.</summary>
    internal static AtomicFile Begin(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full) ?? throw new ArgumentException($"Path '{path}' has no directory.", nameof(path));
        if (Directory.Exists(full))
        {
            throw new ArgumentException($"Path '{path}' is a directory; expected a file name.", nameof(path));
        }

        Directory.CreateDirectory(dir);
        var temp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        return new AtomicFile(full, temp);
    }

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/> atomically: temp file, fsync, rename.</summary>
    internal static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        var file = Begin(path);
        FileStream? fs = null;
        try
        {
            fs = file.OpenWrite();
            fs.Write(bytes);
            file.Commit(fs);
            fs = null;
        }
        catch
        {
            file.Abort(fs);
            throw;
        }
    }

    /// <summary>Opens the temp file for writing.</summary>
    internal FileStream OpenWrite() => new(TempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);

    /// <summary>Fsyncs the temp file (if the stream is not given, reopens it) and renames it over the destination.</summary>
    internal void Commit(FileStream? written = null)
    {
        if (written is not null)
        {
            written.Flush(flushToDisk: true);
            written.Dispose();
        }
        else
        {
            using var fs = new FileStream(TempPath, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            fs.Flush(flushToDisk: true);
        }

        File.Move(TempPath, FinalPath, overwrite: true);
    }

    /// <summary>Deletes the temp file, if any; never throws.</summary>
    internal void Abort(FileStream? written = null)
    {
        try
        {
            written?.Dispose();
            if (File.Exists(TempPath))
            {
                File.Delete(TempPath);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
