using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Data.Sqlite;

namespace RlFramework.Runner.Runs;

/// <summary>
/// The runs of an output folder, in the SQLite database <c>registry.db</c> inside it: id, env, agent, full config, seed,
/// start and end, status, summary metrics, artifact paths. Several processes may train into the same folder at once
/// (WAL journal, busy timeout, ids claimed by the primary key). Thread-safe. A new database is built aside and renamed
/// into place, so an empty or damaged <c>registry.db</c> is never mistaken for a new one: opening it fails with
/// <see cref="RegistryDamagedException"/>, and <see cref="Rebuild"/> (<c>rl runs --rebuild</c>) recovers it from the run folders.
/// </summary>
public sealed partial class RunRegistry : IDisposable
{
    /// <summary>The database file name inside the output folder.</summary>
    public const string FileName = "registry.db";

    private const int SchemaVersion = 1;
    private const int SqlitePrimaryKeyTaken = 1555; // SQLITE_CONSTRAINT_PRIMARYKEY
    private const int SqliteCorrupt = 11; // SQLITE_CORRUPT
    private const int SqliteNotADatabase = 26; // SQLITE_NOTADB
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
    private const string Columns = "id, env, agent, config, seed, started_at, ended_at, status, message, summary, artifacts, host, pid";

    private static readonly JsonSerializerOptions Json = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    private readonly SqliteConnection _connection;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();

    private RunRegistry(string folder, SqliteConnection connection, TimeProvider time)
    {
        Folder = folder;
        _connection = connection;
        _time = time;
    }

    /// <summary>The output folder (full path); each run's files go in <see cref="RunFolder"/>.</summary>
    public string Folder { get; }

    /// <summary>The database file (full path).</summary>
    public string DatabasePath => Path.Combine(Folder, FileName);

    /// <summary>Whether <paramref name="folder"/> holds a registry (so listing need not create one).</summary>
    public static bool Exists(string folder) => File.Exists(Path.Combine(Path.GetFullPath(folder), FileName));

    /// <summary>Opens the registry of <paramref name="folder"/>, creating the folder and the database if missing.</summary>
    /// <param name="folder">The output folder, e.g. <c>runs</c>.</param>
    /// <param name="time">The clock for start and end times (tests pass a fixed one).</param>
    /// <exception cref="RegistryDamagedException">The file is empty (0 bytes), not a database, or fails SQLite's integrity check.</exception>
    /// <exception cref="IOException">The file cannot be opened, or was written by a newer RlFramework.</exception>
    public static RunRegistry Open(string folder, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var full = Path.GetFullPath(folder);
        Directory.CreateDirectory(full);
        var path = Path.Combine(full, FileName);
        if (!File.Exists(path))
        {
            CreateOnce(path);
        }

        var connection = Connect(path, SqliteOpenMode.ReadWrite);
        try
        {
            if (new FileInfo(path).Length == 0)
            {
                throw new RegistryDamagedException(path, "it is empty (0 bytes)");
            }

            connection.Open();
            Execute(connection, "PRAGMA busy_timeout = 30000;");
            Execute(connection, "PRAGMA journal_mode = WAL;");
            Execute(connection, "PRAGMA synchronous = NORMAL;");
            CheckIntegrity(connection, path);
            CreateSchema(connection, path);
        }
        catch (SqliteException e) when (e.SqliteErrorCode is SqliteCorrupt or SqliteNotADatabase)
        {
            connection.Dispose();
            throw new RegistryDamagedException(path, e.Message, e);
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw new IOException($"'{path}' is not a usable run registry: {e.Message}", e);
        }
        catch
        {
            connection.Dispose();
            throw;
        }

        return new RunRegistry(full, connection, time ?? TimeProvider.System);
    }

    /// <summary>
    /// Creates the registry at <paramref name="path"/> unless another opener did: openers of a new folder take turns on
    /// an exclusive lock file beside it (any process, any thread), so exactly one builds the database.
    /// </summary>
    private static void CreateOnce(string path)
    {
        var lockPath = path + ".create-lock";
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                using var turn = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                if (!File.Exists(path))
                {
                    CreateAside(path);
                }

                return;
            }
            catch (IOException) when (attempt < 3000 && !File.Exists(path))
            {
                Thread.Sleep(10); // another opener is creating it
            }
            catch (IOException) when (File.Exists(path))
            {
                return; // created meanwhile
            }
        }
    }

    /// <summary>
    /// Creates an empty registry at <paramref name="path"/>: built under a temp name, already in WAL mode (so no two
    /// openers race to switch it) and checkpointed into the file (so no write-ahead log of the temp name outlives it),
    /// then renamed into place.
    /// </summary>
    private static void CreateAside(string path)
    {
        var temp = TempPath(path);
        try
        {
            using (var connection = Connect(temp, SqliteOpenMode.ReadWriteCreate))
            {
                connection.Open();
                Execute(connection, "PRAGMA journal_mode = WAL;");
                CreateSchema(connection, temp);
                Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE);");
            }

            try
            {
                File.Move(temp, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                // another process created it meanwhile: use theirs
            }
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private static string TempPath(string path) => Path.Combine(Path.GetDirectoryName(path)!, $".{FileName}.{Guid.NewGuid():N}.tmp");

    private static SqliteConnection Connect(string path, SqliteOpenMode mode) => new(new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = mode,
        Pooling = false,
        DefaultTimeout = 30,
    }.ToString());

    /// <summary>SQLite's quick check (fast: no index cross-checks); a damaged page fails it.</summary>
    private static void CheckIntegrity(SqliteConnection connection, string path)
    {
        using var check = connection.CreateCommand();
        check.CommandText = "PRAGMA quick_check;";
        if (check.ExecuteScalar() is not "ok" and var problem)
        {
            throw new RegistryDamagedException(path, $"SQLite's integrity check says: {problem?.ToString()?.ReplaceLineEndings(" ")}");
        }
    }

    /// <summary>The folder for run <paramref name="id"/>'s files (metrics, event files, checkpoints, videos); not created here.</summary>
    public string RunFolder(string id)
    {
        CheckIdShape(id);
        return Path.Combine(Folder, id);
    }

    /// <summary>Registers a new run as running and returns it; its id is <c>env-agent-yyyyMMdd-HHmmss-sSEED</c>, with <c>-2</c>, <c>-3</c>… appended when taken.</summary>
    /// <exception cref="ArgumentException">An empty env or agent, or <paramref name="configJson"/> that is not a JSON object.</exception>
    public RunRecord StartRun(string env, string agent, string configJson, long seed)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(env);
        ArgumentException.ThrowIfNullOrWhiteSpace(agent);
        CheckConfig(configJson);
        var started = Truncate(_time.GetUtcNow());
        var stem = string.Create(CultureInfo.InvariantCulture, $"{Slug(env)}-{Slug(agent)}-{started:yyyyMMdd-HHmmss}-s{seed}");
        lock (_gate)
        {
            for (int n = 1; ; n++)
            {
                var id = n == 1 ? stem : $"{stem}-{n}";
                using var insert = Command(
                    $"INSERT INTO runs ({Columns}) VALUES ($id, $env, $agent, $config, $seed, $started, NULL, 'running', NULL, '{{}}', '{{}}', $host, $pid);",
                    ("$id", id), ("$env", env), ("$agent", agent), ("$config", configJson), ("$seed", seed),
                    ("$started", Format(started)), ("$host", Environment.MachineName), ("$pid", Environment.ProcessId));
                try
                {
                    insert.ExecuteNonQuery();
                }
                catch (SqliteException e) when (e.SqliteExtendedErrorCode == SqlitePrimaryKeyTaken)
                {
                    continue;
                }

                return new RunRecord(id, env, agent, configJson, seed, started, null, RunStatus.Running, null,
                    new Dictionary<string, double>(), new Dictionary<string, string>(), Environment.MachineName, Environment.ProcessId);
            }
        }
    }

    /// <summary>Sets a run's status: an end status stamps the end time; <see cref="RunStatus.Running"/> (a resume) clears it.</summary>
    /// <param name="id">The run.</param>
    /// <param name="status">The new status.</param>
    /// <param name="message">Why (an error message for failed, "interrupted by Ctrl+C", …); null clears it.</param>
    /// <exception cref="ArgumentException">No run has this id (the message lists close ones).</exception>
    public void UpdateStatus(string id, RunStatus status, string? message = null)
    {
        if (!Enum.IsDefined(status))
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "Expected running, finished, failed or interrupted.");
        }

        lock (_gate)
        {
            using var update = Command(
                "UPDATE runs SET status = $status, ended_at = $ended, message = $message, host = $host, pid = $pid WHERE id = $id;",
                ("$id", id), ("$status", Name(status)), ("$ended", status == RunStatus.Running ? null : Format(Truncate(_time.GetUtcNow()))),
                ("$message", message), ("$host", Environment.MachineName), ("$pid", Environment.ProcessId));
            if (update.ExecuteNonQuery() == 0)
            {
                throw UnknownId(id);
            }
        }
    }

    /// <summary>Merges <paramref name="metrics"/> into the run's summary (same name: the new value wins). NaN and infinities are kept.</summary>
    /// <exception cref="ArgumentException">No run has this id, or a metric name is blank.</exception>
    public void SetSummary(string id, IReadOnlyDictionary<string, double> metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        foreach (var name in metrics.Keys)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                throw new ArgumentException($"Summary metric name '{name}' is blank; expected a tag like \"charts/episodic_return\".", nameof(metrics));
            }
        }

        Merge(id, "summary", (Dictionary<string, double> current) =>
        {
            foreach (var (name, value) in metrics)
            {
                current[name] = value;
            }
        });
    }

    /// <summary>Records a file the run produced under <paramref name="name"/> (e.g. "checkpoint", "video-10000"); a path inside the output folder is stored relative to it, so the folder can move.</summary>
    /// <exception cref="ArgumentException">No run has this id, or the name or path is blank.</exception>
    public void AddArtifact(string id, string name, string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        var relative = Path.GetRelativePath(Folder, full);
        var stored = relative == ".." || relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal) || Path.IsPathRooted(relative) ? full : relative;
        Merge(id, "artifacts", (Dictionary<string, string> current) => current[name] = stored);
    }

    /// <summary>Every run, oldest first.</summary>
    public IReadOnlyList<RunRecord> List()
    {
        lock (_gate)
        {
            using var select = Command($"SELECT {Columns} FROM runs ORDER BY started_at, id;");
            using var reader = select.ExecuteReader();
            var runs = new List<RunRecord>();
            while (reader.Read())
            {
                runs.Add(ReadRecord(reader));
            }

            return runs;
        }
    }

    /// <summary>The run with this id, or false.</summary>
    public bool TryGet(string id, out RunRecord? run)
    {
        ArgumentNullException.ThrowIfNull(id);
        lock (_gate)
        {
            using var select = Command($"SELECT {Columns} FROM runs WHERE id = $id;", ("$id", id));
            using var reader = select.ExecuteReader();
            run = reader.Read() ? ReadRecord(reader) : null;
            return run is not null;
        }
    }

    /// <summary>The run with this id.</summary>
    /// <exception cref="ArgumentException">No run has this id (the message lists close ones).</exception>
    public RunRecord Get(string id) => TryGet(id, out var run) ? run! : throw UnknownId(id);

    /// <summary>Closes the database.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _connection.Dispose();
        }
    }

    private static void CreateSchema(SqliteConnection connection, string path)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        using (var version = connection.CreateCommand())
        {
            version.Transaction = transaction;
            version.CommandText = "PRAGMA user_version;";
            long found = (long)version.ExecuteScalar()!;
            if (found > SchemaVersion)
            {
                throw new IOException($"'{path}' has registry schema version {found}; this RlFramework reads up to version {SchemaVersion}. Use a newer `rl`.");
            }
        }

        using (var create = connection.CreateCommand())
        {
            create.Transaction = transaction;
            create.CommandText = $"""
                CREATE TABLE IF NOT EXISTS runs (
                    id TEXT PRIMARY KEY NOT NULL,
                    env TEXT NOT NULL,
                    agent TEXT NOT NULL,
                    config TEXT NOT NULL,
                    seed INTEGER NOT NULL,
                    started_at TEXT NOT NULL,
                    ended_at TEXT,
                    status TEXT NOT NULL CHECK (status IN ('running', 'finished', 'failed', 'interrupted')),
                    message TEXT,
                    summary TEXT NOT NULL,
                    artifacts TEXT NOT NULL,
                    host TEXT NOT NULL,
                    pid INTEGER NOT NULL);
                CREATE INDEX IF NOT EXISTS runs_started_at ON runs (started_at);
                PRAGMA user_version = {SchemaVersion};
                """;
            create.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    /// <summary>Read-modify-write of one JSON column inside an immediate transaction, so concurrent writers don't lose updates.</summary>
    private void Merge<TValue>(string id, string column, Action<Dictionary<string, TValue>> change)
    {
        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction(deferred: false);
            using var select = Command($"SELECT {column} FROM runs WHERE id = $id;", ("$id", id));
            select.Transaction = transaction;
            if (select.ExecuteScalar() is not string json)
            {
                transaction.Rollback();
                throw UnknownId(id);
            }

            var current = JsonSerializer.Deserialize<Dictionary<string, TValue>>(json, Json) ?? [];
            change(current);
            using var update = Command($"UPDATE runs SET {column} = $value WHERE id = $id;", ("$id", id), ("$value", JsonSerializer.Serialize(current, Json)));
            update.Transaction = transaction;
            update.ExecuteNonQuery();
            transaction.Commit();
        }
    }

    private RunRecord ReadRecord(SqliteDataReader reader)
    {
        var artifacts = JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(10), Json) ?? [];
        foreach (var (name, stored) in artifacts)
        {
            artifacts[name] = Path.GetFullPath(stored, Folder);
        }

        return new RunRecord(
            Id: reader.GetString(0),
            Env: reader.GetString(1),
            Agent: reader.GetString(2),
            Config: reader.GetString(3),
            Seed: reader.GetInt64(4),
            StartedAt: Parse(reader.GetString(5)),
            EndedAt: reader.IsDBNull(6) ? null : Parse(reader.GetString(6)),
            Status: Enum.Parse<RunStatus>(reader.GetString(7), ignoreCase: true),
            Message: reader.IsDBNull(8) ? null : reader.GetString(8),
            Summary: JsonSerializer.Deserialize<Dictionary<string, double>>(reader.GetString(9), Json) ?? [],
            Artifacts: artifacts,
            Host: reader.GetString(11),
            ProcessId: reader.GetInt32(12));
    }

    private ArgumentException UnknownId(string id)
    {
        var ids = new List<string>();
        lock (_gate)
        {
            using var select = Command("SELECT id FROM runs;");
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                ids.Add(reader.GetString(0));
            }
        }

        if (ids.Count == 0)
        {
            return new ArgumentException($"Run '{id}' is not in the registry {DatabasePath}: it has no runs yet.", nameof(id));
        }

        var close = CloseMatches.Find(id, ids);
        return new ArgumentException(
            $"Run '{id}' is not in the registry {DatabasePath}. Did you mean: {string.Join(", ", close.Select(c => $"'{c}'"))}? (`rl runs` lists them all.)",
            nameof(id));
    }

    private SqliteCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static void CheckConfig(string configJson)
    {
        ArgumentNullException.ThrowIfNull(configJson);
        try
        {
            using var document = JsonDocument.Parse(configJson);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new ArgumentException($"The run config must be a JSON object; got a JSON {document.RootElement.ValueKind.ToString().ToLowerInvariant()}.", nameof(configJson));
            }
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"The run config is not valid JSON ({e.Message}); expected a JSON object of hyperparameters.", nameof(configJson), e);
        }
    }

    private static void CheckIdShape(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        if (id.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || id is "." or "..")
        {
            throw new ArgumentException($"Run id '{id}' cannot name a folder; expected an id from `rl runs`.", nameof(id));
        }
    }

    /// <summary>Lowercase letters and digits, other runs of characters as one dash: "CartPole-v1" → "cartpole-v1".</summary>
    private static string Slug(string text)
    {
        var slug = new StringBuilder(text.Length);
        foreach (char c in text.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(c);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        var result = slug.ToString().TrimEnd('-');
        return result.Length == 0 ? "x" : result;
    }

    private static string Name(RunStatus status) => status.ToString().ToLowerInvariant();

    private static DateTimeOffset Truncate(DateTimeOffset time) =>
        new(time.UtcTicks - time.UtcTicks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);

    private static string Format(DateTimeOffset time) => time.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    private static DateTimeOffset Parse(string text) =>
        DateTimeOffset.ParseExact(text, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
