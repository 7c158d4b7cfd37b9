using RlFramework.Runner.Cli.Sweeps;
using RlFramework.Runner.Tests.Reports;

namespace RlFramework.Runner.Tests.Sweeps;

/// <summary>
/// A throwaway PostgreSQL server on 127.0.0.1 and a free port (Debian's postgresql package: initdb, pg_ctl, psql), with a
/// database holding Orleans' ADO.NET schema (the scripts of Runner/Cli/Sweeps/Sql, or of the folder in
/// <c>RL_ORLEANS_SQL</c>). Stopped and deleted on dispose.
/// </summary>
internal sealed class PostgresServer : IDisposable
{
    /// <summary>The variable naming the folder with PostgreSQL-Main.sql, PostgreSQL-Clustering.sql and PostgreSQL-Persistence.sql.</summary>
    public const string ScriptsVariable = "RL_ORLEANS_SQL";

    private static readonly string[] Scripts = ["PostgreSQL-Main.sql", "PostgreSQL-Clustering.sql", "PostgreSQL-Persistence.sql"];
    private readonly string _folder = Path.Combine("/tmp", "rl-pg-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly string _bin;

    private PostgresServer(string bin, string scripts)
    {
        _bin = bin;
        Port = SweepHosts.FreePort();
        Directory.CreateDirectory(_folder);
        try
        {
            if (IsRoot) Run(["chown", "postgres", _folder]);
            Run(AsPostgres(Path.Combine(_bin, "initdb"), "-D", Path.Combine(_folder, "data"), "-A", "trust", "-U", "postgres"));
            Run(AsPostgres(Path.Combine(_bin, "pg_ctl"), "-D", Path.Combine(_folder, "data"), "-l", Path.Combine(_folder, "log"), "-w", "start",
                "-o", $"-p {Port} -k {_folder} -c listen_addresses=127.0.0.1 -c fsync=off"));
            Run(Psql("postgres", "-c", "CREATE DATABASE rl"));
            foreach (var script in Scripts) Run(Psql("rl", "-v", "ON_ERROR_STOP=1", "-q", "-f", Path.Combine(scripts, script)));
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The server's port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>The connection string of the database with the Orleans schema.</summary>
    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Database=rl;Username=postgres";

    /// <summary>Why a server cannot be started here, or null when it can.</summary>
    public static string? Unavailable => Bin() is null ? "PostgreSQL's initdb is not installed (apt-get install postgresql; .ci/run installs it)"
        : ScriptsFolder() is null ? $"Orleans' PostgreSQL schema scripts are not in ${ScriptsVariable} (.ci/run sets it)"
        : null;

    /// <summary>Starts a server.</summary>
    public static PostgresServer Start() => new(Bin()!, ScriptsFolder()!);

    private static string? Bin() => Directory.Exists("/usr/lib/postgresql")
        ? Directory.GetDirectories("/usr/lib/postgresql").Select(v => Path.Combine(v, "bin")).Where(b => File.Exists(Path.Combine(b, "initdb"))).Order().LastOrDefault()
        : null;

    private static string? ScriptsFolder()
    {
        string folder = Environment.GetEnvironmentVariable(ScriptsVariable) is { Length: > 0 } named ? named : RepositoryScripts();
        return Scripts.All(s => File.Exists(Path.Combine(folder, s))) ? folder : null;
    }

    /// <summary>The scripts kept in the repository (Runner/Cli/Sweeps/Sql), found from the test's output folder upwards.</summary>
    private static string RepositoryScripts()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RlFramework.sln"))) return Path.Combine(dir.FullName, "Runner", "Cli", "Sweeps", "Sql");
        }
        return "";
    }

    private string[] Psql(string database, params string[] args) =>
        AsPostgres([Path.Combine(_bin, "psql"), "-h", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", "postgres", "-d", database, .. args]);

    private static bool IsRoot => Environment.UserName == "root";

    /// <summary>PostgreSQL refuses to run as root: as root, run the command as the postgres user.</summary>
    private static string[] AsPostgres(params string[] command) => IsRoot ? ["runuser", "-u", "postgres", "--", .. command] : command;

    private static void Run(string[] command)
    {
        var (code, output) = ExternalTool.Run(command[0], command[1..], TimeSpan.FromMinutes(5)); // initdb takes minutes on a loaded machine
        if (code != 0) throw new InvalidOperationException($"{string.Join(" ", command)} failed ({code}): {output}");
    }

    public void Dispose()
    {
        if (File.Exists(Path.Combine(_folder, "data", "postmaster.pid")))
            Run(AsPostgres(Path.Combine(_bin, "pg_ctl"), "-D", Path.Combine(_folder, "data"), "-m", "immediate", "stop"));
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
