using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using RlFramework.Runner.Logging;

namespace RlFramework.Runner.Runs;

public sealed partial class RunRegistry
{
    private const string RunFile = "run.json";
    private const string CheckpointsFolder = "checkpoints";

    /// <summary>
    /// Rebuilds the registry of <paramref name="folder"/> from its run folders (each with a run.json): env, agent, seed and
    /// config from run.json; the start time from the run id; the status from the newest checkpoint that verifies
    /// (finished when it reached the run's <c>TotalSteps</c>, or its <c>TotalEpisodes</c> by the episodes metrics.csv
    /// logged up to it; else interrupted and resumable; failed without one);
    /// steps, episodes and returns from metrics.csv up to that checkpoint. The new database is built under a temp name
    /// and swapped in atomically; the previous file, damaged or not, is kept aside as <c>registry.db.before-rebuild-STAMP</c>.
    /// Run it while no training writes into the folder.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="folder"/> does not exist.</exception>
    public static RegistryRebuild Rebuild(string folder, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var full = Path.GetFullPath(folder);
        if (!Directory.Exists(full))
        {
            throw new ArgumentException($"'{folder}' is not a folder; expected the output folder of `rl train` (the one holding {FileName} and the run folders).", nameof(folder));
        }

        var runs = new List<RunRecord>();
        var skipped = new List<string>();
        foreach (var runFolder in Directory.EnumerateDirectories(full).Order(StringComparer.Ordinal))
        {
            if (!File.Exists(Path.Combine(runFolder, RunFile)))
            {
                continue;
            }

            try
            {
                runs.Add(RecordFromFolder(runFolder));
            }
            catch (Exception e) when (e is InvalidDataException or JsonException or IOException or UnauthorizedAccessException)
            {
                skipped.Add($"{runFolder}: {e.Message}");
            }
        }

        runs.Sort((a, b) => a.StartedAt != b.StartedAt ? a.StartedAt.CompareTo(b.StartedAt) : string.CompareOrdinal(a.Id, b.Id));
        var path = Path.Combine(full, FileName);
        var temp = TempPath(path);
        try
        {
            using (var connection = Connect(temp, SqliteOpenMode.ReadWriteCreate))
            {
                connection.Open();
                CreateSchema(connection, temp);
                using var transaction = connection.BeginTransaction();
                foreach (var run in runs)
                {
                    Insert(connection, transaction, run, full);
                }

                transaction.Commit();
            }

            string? aside = SwapIn(temp, path, (time ?? TimeProvider.System).GetUtcNow());
            return new RegistryRebuild(path, aside, runs, skipped);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>Puts <paramref name="temp"/> in place of <paramref name="path"/>, keeping the previous file (and its WAL files) aside; returns where.</summary>
    private static string? SwapIn(string temp, string path, DateTimeOffset now)
    {
        var aside = path + ".before-rebuild-" + now.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        for (int n = 2; File.Exists(aside) || File.Exists(aside + "-wal"); n++)
        {
            aside = $"{path}.before-rebuild-{now.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}-{n}";
        }

        // The old WAL must not be applied to the new file: it goes aside first, with its database.
        foreach (var suffix in (string[])["-wal", "-shm"])
        {
            if (File.Exists(path + suffix))
            {
                File.Move(path + suffix, aside + suffix);
            }
        }

        if (!File.Exists(path))
        {
            File.Move(temp, path);
            return null;
        }

        File.Replace(temp, path, aside); // atomic: the old file is linked aside, the new one renamed over it
        return aside;
    }

    private static RunRecord RecordFromFolder(string runFolder)
    {
        var id = Path.GetFileName(runFolder);
        var specPath = Path.Combine(runFolder, RunFile);
        var specText = File.ReadAllText(specPath);
        using var spec = ParseSpec(specText, specPath);
        var root = spec.RootElement;
        string env = Text(root, "EnvId", specPath), agent = Text(root, "Agent", specPath);
        long seed = root.TryGetProperty("Seed", out var seedValue) && seedValue.TryGetInt64(out var s) ? s
            : throw new InvalidDataException($"{specPath} has no integer \"Seed\".");
        var checkpoint = new CheckpointStore(Path.Combine(runFolder, CheckpointsFolder)).FindLatestGood(out _);
        var (episodes, meanReturn, evalReturn) = ReadMetrics(Path.Combine(runFolder, CsvMetricsSink.DefaultFileName), checkpoint?.Step);
        var summary = new Dictionary<string, double>(StringComparer.Ordinal);
        var artifacts = new Dictionary<string, string>(StringComparer.Ordinal);
        RunStatus status;
        string message;
        if (checkpoint is null)
        {
            (status, message) = (RunStatus.Failed, "rebuilt by `rl runs --rebuild`: no checkpoint that verifies, so it cannot be resumed");
        }
        else
        {
            bool done = Budget(root, "TotalSteps") is { } steps ? checkpoint.Step >= steps : Budget(root, "TotalEpisodes") is { } wanted && episodes >= wanted;
            (status, message) = done ? (RunStatus.Finished, "rebuilt by `rl runs --rebuild`")
                : (RunStatus.Interrupted, $"rebuilt by `rl runs --rebuild`: resumable from the checkpoint at step {checkpoint.Step}");
            summary["steps"] = checkpoint.Step;
            artifacts["checkpoint"] = checkpoint.Path;
        }

        summary["episodes"] = episodes;
        if (meanReturn is { } mean)
        {
            summary[MetricTags.EpisodicReturn] = mean;
        }

        if (evalReturn is { } eval)
        {
            summary[MetricTags.EvalReturn] = eval;
        }

        var ended = Directory.EnumerateFileSystemEntries(runFolder, "*", SearchOption.AllDirectories).Select(File.GetLastWriteTimeUtc).Append(File.GetLastWriteTimeUtc(specPath)).Max();
        return new RunRecord(id, env, agent, specText, seed, StartOf(id, specPath), Truncate(new DateTimeOffset(ended, TimeSpan.Zero)), status, message,
            summary, artifacts, Environment.MachineName, 0);
    }

    /// <summary>A budget field of run.json (<c>TotalSteps</c> or <c>TotalEpisodes</c>), or null when it is absent or null.</summary>
    private static long? Budget(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var budget) ? budget : null;

    private static JsonDocument ParseSpec(string text, string path)
    {
        try
        {
            var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return document;
            }

            document.Dispose();
            throw new InvalidDataException($"{path} is not a JSON object.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not valid JSON: {e.Message}", e);
        }
    }

    private static string Text(JsonElement root, string name, string path) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text
            : throw new InvalidDataException($"{path} has no \"{name}\".");

    /// <summary>The start time in the run id (<c>env-agent-yyyyMMdd-HHmmss-sSEED[-n]</c>), else run.json's write time.</summary>
    private static DateTimeOffset StartOf(string id, string specPath)
    {
        var match = IdTime().Match(id);
        return match.Success
            ? DateTimeOffset.ParseExact(match.Groups[1].Value, "yyyyMMdd-HHmmss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal)
            : Truncate(new DateTimeOffset(File.GetLastWriteTimeUtc(specPath), TimeSpan.Zero));
    }

    [GeneratedRegex(@"-(\d{8}-\d{6})-s\d+(?:-\d+)?$")]
    private static partial Regex IdTime();

    /// <summary>Episodes, the mean of the last 100 episodic returns and the last evaluation, from rows up to <paramref name="lastStep"/> (all rows when null).</summary>
    private static (int Episodes, double? MeanReturn, double? EvalReturn) ReadMetrics(string path, long? lastStep)
    {
        var returns = new List<double>();
        double? eval = null;
        if (!File.Exists(path))
        {
            return (0, null, null);
        }

        foreach (var line in File.ReadLines(path).Skip(1))
        {
            var cells = line.Split(',');
            if (cells.Length != 4 || !long.TryParse(cells[0], CultureInfo.InvariantCulture, out var step) || step > (lastStep ?? long.MaxValue)
                || !double.TryParse(cells[2], CultureInfo.InvariantCulture, out var value))
            {
                continue; // the header of a resumed file, a row cut short by a crash, or a row past the checkpoint
            }

            if (cells[1] == MetricTags.EpisodicReturn)
            {
                returns.Add(value);
            }
            else if (cells[1] == MetricTags.EvalReturn)
            {
                eval = value;
            }
        }

        return (returns.Count, returns.Count == 0 ? null : returns.TakeLast(100).Average(), eval);
    }

    private static void Insert(SqliteConnection connection, SqliteTransaction transaction, RunRecord run, string folder)
    {
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = $"INSERT INTO runs ({Columns}) VALUES ($id, $env, $agent, $config, $seed, $started, $ended, $status, $message, $summary, $artifacts, $host, $pid);";
        var artifacts = run.Artifacts.ToDictionary(a => a.Key, a => Path.GetRelativePath(folder, a.Value), StringComparer.Ordinal);
        foreach (var (name, value) in new (string, object?)[]
        {
            ("$id", run.Id), ("$env", run.Env), ("$agent", run.Agent), ("$config", run.Config), ("$seed", run.Seed), ("$started", Format(run.StartedAt)),
            ("$ended", run.EndedAt is { } ended ? Format(ended) : null), ("$status", Name(run.Status)), ("$message", run.Message),
            ("$summary", JsonSerializer.Serialize(run.Summary, Json)), ("$artifacts", JsonSerializer.Serialize(artifacts, Json)), ("$host", run.Host), ("$pid", run.ProcessId),
        })
        {
            insert.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        insert.ExecuteNonQuery();
    }
}
