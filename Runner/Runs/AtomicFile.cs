namespace RlFramework.Runner.Runs;

/// <summary>
/// Replaces a file all at once: the content goes to a hidden temp file in the same folder, is flushed to the disk (fsync)
/// and then renamed over the target, so readers see the old file or the new one, never a mix, and a crash leaves the old one.
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="path"/> (creating its folder) with what <paramref name="write"/> puts in the stream it gets (readable and seekable too).</summary>
    /// <exception cref="ArgumentException"><paramref name="path"/> is blank or names a folder.</exception>
    public static void Write(string path, Action<FileStream> write)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(write);
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw new ArgumentException($"'{path}' is a folder; expected a file path.", nameof(path));
        }

        var folder = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(folder);
        var temp = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16);
        bool renamed = false;
        try
        {
            using (stream)
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true);
            renamed = true;
        }
        finally
        {
            if (!renamed)
            {
                File.Delete(temp);
            }
        }
    }

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/> atomically.</summary>
    public static void WriteAllBytes(string path, ReadOnlyMemory<byte> bytes) => Write(path, stream => stream.Write(bytes.Span));
}
