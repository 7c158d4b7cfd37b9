namespace RlFramework.Shared;

/// <summary>
/// Replaces a file all at once: the content goes to a hidden temp file in the same folder, is flushed to the disk (fsync)
/// and then renamed over the target, so readers see the old file or the new one, never a mix, and a crash leaves the old
/// one. <see cref="Write"/> and <see cref="WriteAllBytes"/> do it in one call; <see cref="Begin"/>, <see cref="OpenWrite"/>,
/// <see cref="Commit"/> and <see cref="Abort"/> do it for a file written over a longer time (a video, an episode file).
/// </summary>
internal sealed class AtomicFile
{
    private AtomicFile(string finalPath, string tempPath)
    {
        FinalPath = finalPath;
        TempPath = tempPath;
    }

    /// <summary>Where the file ends up.</summary>
    internal string FinalPath { get; }

    /// <summary>Where it is written meanwhile (same folder, hidden name).</summary>
    internal string TempPath { get; }

    /// <summary>Picks a temp name for <paramref name="path"/>; creates its folder if needed.</summary>
    /// <exception cref="ArgumentException"><paramref name="path"/> is blank or names a folder.</exception>
    internal static AtomicFile Begin(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full) ?? throw new ArgumentException($"Path '{path}' has no folder.", nameof(path));
        if (Directory.Exists(full))
        {
            throw new ArgumentException($"'{path}' is a folder; expected a file path.", nameof(path));
        }

        Directory.CreateDirectory(folder);
        return new AtomicFile(full, Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp"));
    }

    /// <summary>Writes <paramref name="path"/> (creating its folder) with what <paramref name="write"/> puts in the stream it gets (readable and seekable too).</summary>
    /// <exception cref="ArgumentException"><paramref name="path"/> is blank or names a folder.</exception>
    internal static void Write(string path, Action<FileStream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var file = Begin(path);
        FileStream? stream = null;
        try
        {
            stream = file.OpenWrite();
            write(stream);
            file.Commit(stream);
        }
        catch
        {
            file.Abort(stream);
            throw;
        }
    }

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/> atomically.</summary>
    internal static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        var file = Begin(path);
        FileStream? stream = null;
        try
        {
            stream = file.OpenWrite();
            stream.Write(bytes);
            file.Commit(stream);
        }
        catch
        {
            file.Abort(stream);
            throw;
        }
    }

    /// <summary>Creates the temp file and opens it for writing (and reading back).</summary>
    internal FileStream OpenWrite() => new(TempPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16);

    /// <summary>Fsyncs the temp file (if the stream is not given, reopens it), closes it and renames it over the destination.</summary>
    internal void Commit(FileStream? written = null)
    {
        if (written is not null)
        {
            written.Flush(flushToDisk: true);
            written.Dispose();
        }
        else
        {
            using var stream = new FileStream(TempPath, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            stream.Flush(flushToDisk: true);
        }

        File.Move(TempPath, FinalPath, overwrite: true);
    }

    /// <summary>Closes the stream and deletes the temp file, if any; never throws.</summary>
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
