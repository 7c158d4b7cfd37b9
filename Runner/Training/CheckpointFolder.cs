using System.Text.Json;

namespace RlFramework.Runner.Training;

/// <summary>
/// A checkpoint folder replaced atomically: the new checkpoint is written in full to a sibling temp folder (files
/// flushed to disk), then swapped in by renames; until the swap completes the previous checkpoint stays intact
/// (as <c>folder.previous</c> for the moment between the two renames, which <see cref="Resolve"/> accepts).
/// </summary>
public static class CheckpointFolder
{
    /// <summary>Writes a checkpoint with <paramref name="write"/> (given the temp folder) and swaps it in place of <paramref name="folder"/>.</summary>
    public static void Write(string folder, Action<string> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        folder = Path.GetFullPath(folder);
        string temp = $"{folder}.tmp-{Guid.NewGuid():N}", previous = folder + ".previous";
        Directory.CreateDirectory(temp);
        try
        {
            write(temp);
            if (Directory.Exists(previous)) Directory.Delete(previous, recursive: true);
            if (Directory.Exists(folder)) Directory.Move(folder, previous);
            Directory.Move(temp, folder);
            if (Directory.Exists(previous)) Directory.Delete(previous, recursive: true);
        }
        catch
        {
            if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
            throw;
        }
    }

    /// <summary>The folder holding the latest complete checkpoint: <paramref name="folder"/>, or its previous copy if a swap was cut short.</summary>
    /// <exception cref="DirectoryNotFoundException">Neither exists.</exception>
    public static string Resolve(string folder)
    {
        folder = Path.GetFullPath(folder);
        if (Directory.Exists(folder)) return folder;
        if (Directory.Exists(folder + ".previous")) return folder + ".previous";
        throw new DirectoryNotFoundException($"No checkpoint at {folder}: train with --out to write one first.");
    }

    /// <summary>Writes <paramref name="value"/> as JSON to <paramref name="path"/> and flushes it to disk.</summary>
    public static void WriteJson<T>(string path, T value)
    {
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        JsonSerializer.Serialize(stream, value);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>Reads JSON written by <see cref="WriteJson{T}"/>; a truncated or malformed file is an error naming it.</summary>
    public static T ReadJson<T>(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return JsonSerializer.Deserialize<T>(stream) ?? throw new InvalidDataException($"{path} is empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is corrupt or truncated: {e.Message}", e);
        }
    }
}
