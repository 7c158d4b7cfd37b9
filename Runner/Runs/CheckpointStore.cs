using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using RlFramework.Runner.Logging;

namespace RlFramework.Runner.Runs;

/// <summary>
/// The checkpoints of a run, one folder each (<c>step-000000001000</c>), committed all at once: the training loop writes
/// its files (model, optimizer, replay buffer, RNG states, counters) into a hidden temp folder, the store fsyncs them,
/// records each file's size and CRC-32C in <c>manifest.json</c> and renames the folder into place. Only then are
/// checkpoints beyond the newest <see cref="Keep"/> deleted, so a crash at any point leaves the previous good one; the
/// next save removes what a killed save left behind. Loading verifies every file against the manifest (whose own file
/// list is checksummed) and refuses a truncated or altered checkpoint, or one holding a file its manifest does not list, by name.
/// </summary>
public sealed class CheckpointStore
{
    /// <summary>The file in each checkpoint folder that lists the others with their sizes and CRCs.</summary>
    public const string ManifestFileName = "manifest.json";

    private const string Prefix = "step-";
    private const string Format = "rlframework-checkpoint";
    private const int Version = 2; // 2: the manifest checksums its own file list; version 1 manifests are still read

    /// <summary>Keeps checkpoints in <paramref name="folder"/> (created on first save), the newest <paramref name="keep"/> of them.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="keep"/> is below 1.</exception>
    public CheckpointStore(string folder, int keep = 2)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        if (keep < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(keep), keep, $"keep must be at least 1 checkpoint; got {keep}.");
        }

        Folder = Path.GetFullPath(folder);
        Keep = keep;
    }

    /// <summary>The folder holding the checkpoint folders (full path).</summary>
    public string Folder { get; }

    /// <summary>How many checkpoints are kept; older ones are deleted after a save commits.</summary>
    public int Keep { get; }

    /// <summary>
    /// Takes a checkpoint at <paramref name="step"/>: <paramref name="writeFiles"/> gets an empty folder to write into; when it
    /// returns, the files are fsynced, listed in the manifest and committed. A checkpoint already at that step is replaced.
    /// If <paramref name="writeFiles"/> throws, nothing changes on disk. First it removes what an earlier save killed midway
    /// left (see <see cref="RemoveLeftovers"/>): the caller must be the run's only writer.
    /// </summary>
    /// <exception cref="ArgumentException">A negative step, nothing written, or a file named <c>manifest.json</c> written.</exception>
    public Checkpoint Save(long step, Action<string> writeFiles)
    {
        if (step < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, $"Checkpoint steps count from 0; got {step}.");
        }

        ArgumentNullException.ThrowIfNull(writeFiles);
        Directory.CreateDirectory(Folder);
        RemoveLeftovers();
        var name = FolderName(step);
        var temp = Path.Combine(Folder, $".{name}.{Guid.NewGuid():N}.tmp");
        Directory.CreateDirectory(temp);
        try
        {
            writeFiles(temp);
            WriteManifest(temp, step);
            var target = Path.Combine(Folder, name);
            if (Directory.Exists(target))
            {
                var trash = Path.Combine(Folder, $".{name}.{Guid.NewGuid():N}.old");
                Directory.Move(target, trash);
                Directory.Move(temp, target);
                Directory.Delete(trash, recursive: true);
            }
            else
            {
                Directory.Move(temp, target);
            }
        }
        catch
        {
            if (Directory.Exists(temp))
            {
                Directory.Delete(temp, recursive: true);
            }

            throw;
        }

        var all = List();
        foreach (var old in all.Take(Math.Max(0, all.Count - Keep)))
        {
            Directory.Delete(old.Path, recursive: true);
        }

        return new Checkpoint(step, Path.Combine(Folder, name));
    }

    /// <summary>
    /// Removes the hidden folders of saves that were killed (SIGKILL, power loss) before they committed: half-written
    /// <c>.step-*.tmp</c> folders, and <c>.step-*.old</c> folders of a replaced checkpoint (moved back into place if the
    /// kill came between the two renames, so the checkpoint is not lost). Returns the names removed or restored.
    /// Only the run's writer may call it: another process's save in progress looks the same.
    /// </summary>
    public IReadOnlyList<string> RemoveLeftovers()
    {
        var handled = new List<string>();
        if (!Directory.Exists(Folder))
        {
            return handled;
        }

        foreach (var directory in Directory.EnumerateDirectories(Folder, "." + Prefix + "*"))
        {
            var name = Path.GetFileName(directory);
            bool temp = name.EndsWith(".tmp", StringComparison.Ordinal), old = name.EndsWith(".old", StringComparison.Ordinal);
            if (!temp && !old)
            {
                continue;
            }

            var committed = Path.Combine(Folder, name[1..name.IndexOf('.', 1)]);
            if (old && !Directory.Exists(committed))
            {
                Directory.Move(directory, committed);
            }
            else
            {
                Directory.Delete(directory, recursive: true);
            }

            handled.Add(name);
        }

        return handled;
    }

    /// <summary>The committed checkpoints, oldest first (temp folders of unfinished saves are not listed).</summary>
    public IReadOnlyList<Checkpoint> List()
    {
        if (!Directory.Exists(Folder))
        {
            return [];
        }

        var found = new List<Checkpoint>();
        foreach (var directory in Directory.EnumerateDirectories(Folder, Prefix + "*"))
        {
            var suffix = Path.GetFileName(directory)[Prefix.Length..];
            if (long.TryParse(suffix, NumberStyles.None, CultureInfo.InvariantCulture, out long step) && suffix == step.ToString("D12", CultureInfo.InvariantCulture))
            {
                found.Add(new Checkpoint(step, directory));
            }
        }

        found.Sort((a, b) => a.Step.CompareTo(b.Step));
        return found;
    }

    /// <summary>
    /// Checks every file of <paramref name="checkpoint"/> against its manifest (present, same size, same CRC-32C), the
    /// manifest's file list against its checksum, and that no file is missing from the manifest.
    /// </summary>
    /// <exception cref="InvalidDataException">The checkpoint is incomplete, truncated or altered; the message names the file and the difference.</exception>
    public static void Verify(Checkpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var where = $"Checkpoint '{checkpoint.Path}'";
        var manifestPath = Path.Combine(checkpoint.Path, ManifestFileName);
        if (!File.Exists(manifestPath))
        {
            throw new InvalidDataException($"{where} is incomplete: it has no {ManifestFileName}.");
        }

        var manifest = ReadManifest(manifestPath, where);
        if (manifest.Step != checkpoint.Step)
        {
            throw new InvalidDataException($"{where} is inconsistent: its folder says step {checkpoint.Step} but its manifest says step {manifest.Step}.");
        }

        foreach (var (relative, (bytes, crc)) in manifest.Files)
        {
            var path = Path.Combine(checkpoint.Path, relative);
            if (!File.Exists(path))
            {
                throw new InvalidDataException($"{where} is incomplete: '{relative}' is missing.");
            }

            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            if (file.Length != bytes)
            {
                throw new InvalidDataException(file.Length < bytes
                    ? $"{where} is truncated: '{relative}' has {file.Length} bytes, the manifest says {bytes}."
                    : $"{where} is corrupt: '{relative}' has {file.Length} bytes, the manifest says {bytes}.");
            }

            uint actual = CheckedFile.Crc32COf(file, 0, bytes, path);
            if (actual != crc)
            {
                throw new InvalidDataException($"{where} is corrupt: '{relative}' has CRC-32C 0x{actual:x8}, the manifest says 0x{crc:x8}.");
            }
        }

        foreach (var path in Directory.EnumerateFiles(checkpoint.Path, "*", SearchOption.AllDirectories))
        {
            var relative = Relative(checkpoint.Path, path);
            if (relative != ManifestFileName && !manifest.Files.ContainsKey(relative))
            {
                throw new InvalidDataException($"{where} is inconsistent: it holds '{relative}', which its {ManifestFileName} does not list, so it cannot be verified.");
            }
        }
    }

    /// <summary>
    /// The newest checkpoint that verifies, or null if none does; <paramref name="refused"/> gets one line for each newer one
    /// that did not (so the caller can say why it resumes from an older step).
    /// </summary>
    public Checkpoint? FindLatestGood(out IReadOnlyList<string> refused)
    {
        var problems = new List<string>();
        refused = problems;
        foreach (var checkpoint in List().Reverse())
        {
            try
            {
                Verify(checkpoint);
                return checkpoint;
            }
            catch (InvalidDataException e)
            {
                problems.Add(e.Message);
            }
        }

        return null;
    }

    private static string FolderName(long step) => Prefix + step.ToString("D12", CultureInfo.InvariantCulture);

    /// <summary>Fsyncs and checksums every file under <paramref name="folder"/>, then writes the manifest atomically.</summary>
    private static void WriteManifest(string folder, long step)
    {
        var files = new JsonObject();
        foreach (var path in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Relative(folder, path);
            if (relative == ManifestFileName)
            {
                throw new ArgumentException($"The checkpoint writer wrote '{ManifestFileName}', a name the store reserves for its own manifest; use another name.");
            }

            using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            file.Flush(flushToDisk: true);
            uint crc = CheckedFile.Crc32COf(file, 0, file.Length, path);
            files[relative] = new JsonObject { ["bytes"] = file.Length, ["crc32c"] = $"{crc:x8}" };
        }

        if (files.Count == 0)
        {
            throw new ArgumentException($"The checkpoint writer for step {step} wrote no files into '{folder}'; expected the model, optimizer and loop state.");
        }

        var manifest = new JsonObject { ["format"] = Format, ["version"] = Version, ["step"] = step, ["files"] = files, ["files_crc32c"] = $"{ListChecksum(files):x8}" };
        AtomicFile.WriteAllBytes(Path.Combine(folder, ManifestFileName), JsonSerializer.SerializeToUtf8Bytes(manifest, new JsonSerializerOptions { WriteIndented = true }));
    }

    private static string Relative(string folder, string path) => Path.GetRelativePath(folder, path).Replace(Path.DirectorySeparatorChar, '/');

    /// <summary>CRC-32C of each listed file's name, size and CRC, one line each in the manifest's order.</summary>
    private static uint ListChecksum(JsonObject files)
    {
        var text = new StringBuilder();
        foreach (var (relative, entry) in files)
        {
            text.Append(CultureInfo.InvariantCulture, $"{relative}\t{entry?["bytes"]}\t{entry?["crc32c"]}\n");
        }

        return Crc32C.Compute(Encoding.UTF8.GetBytes(text.ToString()));
    }

    private static (long Step, Dictionary<string, (long Bytes, uint Crc)> Files) ReadManifest(string path, string where)
    {
        try
        {
            var root = JsonNode.Parse(File.ReadAllText(path))?.AsObject() ?? throw new InvalidDataException("it is null");
            int? version = (int?)root["version"];
            if ((string?)root["format"] != Format || version is not (1 or Version))
            {
                throw new InvalidDataException($"expected format \"{Format}\" version 1 to {Version}, found \"{root["format"]}\" version {root["version"]}");
            }

            var files = new Dictionary<string, (long, uint)>();
            foreach (var (relative, entry) in root["files"]?.AsObject() ?? throw new InvalidDataException("it lists no files"))
            {
                if (entry is not JsonObject fields)
                {
                    throw new InvalidDataException($"'{relative}' is not an object with bytes and crc32c");
                }

                var crcText = (string?)fields["crc32c"] ?? throw new InvalidDataException($"'{relative}' has no crc32c");
                if (relative.Contains("..", StringComparison.Ordinal) || Path.IsPathRooted(relative))
                {
                    throw new InvalidDataException($"'{relative}' points outside the checkpoint");
                }

                files[relative] = ((long?)fields["bytes"] ?? throw new InvalidDataException($"'{relative}' has no size"), uint.Parse(crcText, NumberStyles.HexNumber, CultureInfo.InvariantCulture));
            }

            long step = (long?)root["step"] ?? throw new InvalidDataException("it has no step");
            if (version == Version)
            {
                var listed = (string?)root["files_crc32c"] ?? throw new InvalidDataException("it has no files_crc32c");
                uint actual = ListChecksum(root["files"]!.AsObject());
                if (uint.Parse(listed, NumberStyles.HexNumber, CultureInfo.InvariantCulture) != actual)
                {
                    throw new InvalidDataException($"its file list was altered: files_crc32c is {listed}, the list checksums to {actual:x8}");
                }
            }

            return (step, files);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or OverflowException or InvalidDataException)
        {
            throw new InvalidDataException($"{where} has an unreadable {ManifestFileName}: {e.Message}", e);
        }
    }
}
