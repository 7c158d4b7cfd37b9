using System.Net.Sockets;
using Npgsql;

namespace RlFramework.Runner.Cli.Sweeps;

/// <summary>
/// The PostgreSQL database a cluster keeps its membership and sweep state in (<c>--cluster</c>), checked before any
/// silo or client starts: the connection string parses, the server answers and accepts the login, and the tables of
/// Orleans' ADO.NET schema scripts are there. Each failure is one message that says what to fix.
/// </summary>
public sealed class ClusterDatabase
{
    /// <summary>The ADO.NET invariant name Orleans loads the provider by.</summary>
    public const string Invariant = "Npgsql";

    private static readonly string[] SchemaScripts = ["PostgreSQL-Main.sql", "PostgreSQL-Clustering.sql", "PostgreSQL-Persistence.sql"];

    private ClusterDatabase(string connectionString, string description) => (ConnectionString, Description) = (connectionString, description);

    /// <summary>The connection string.</summary>
    public string ConnectionString { get; }

    /// <summary>Host, port and database, without credentials, for messages.</summary>
    public string Description { get; }

    /// <summary>Checks <paramref name="connectionString"/> and the database it names.</summary>
    /// <exception cref="ArgumentException">The string is not a PostgreSQL connection string or names no host.</exception>
    /// <exception cref="IOException">The server cannot be reached, refuses the login, or lacks the Orleans tables.</exception>
    public static ClusterDatabase Open(string connectionString)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException)
        {
            throw new ArgumentException($"--cluster is not a PostgreSQL connection string ({e.Message}); expected e.g. \"Host=10.0.0.5;Port=5432;Database=rl;Username=rl;Password=...\".", e);
        }
        if (string.IsNullOrWhiteSpace(builder.Host))
            throw new ArgumentException("--cluster names no Host; expected e.g. \"Host=10.0.0.5;Port=5432;Database=rl;Username=rl;Password=...\".");
        if (builder.Timeout > 10) builder.Timeout = 10;
        string description = $"PostgreSQL at {builder.Host}:{builder.Port}, database {builder.Database ?? builder.Username ?? "(default)"}";
        var database = new ClusterDatabase(builder.ConnectionString, description);
        database.Check();
        return database;
    }

    private void Check()
    {
        try
        {
            using var connection = new NpgsqlConnection(ConnectionString);
            connection.Open();
            using var command = new NpgsqlCommand("SELECT to_regclass('orleansquery') IS NOT NULL AND to_regclass('orleansmembershiptable') IS NOT NULL AND to_regclass('orleansstorage') IS NOT NULL", connection);
            if (command.ExecuteScalar() is not true)
                throw new IOException($"{Description} has no Orleans tables: apply Orleans' schema scripts {string.Join(", ", SchemaScripts)} to it first (see docs/cluster.md).");
        }
        catch (PostgresException e)
        {
            throw new IOException($"{Description} refused the connection: {e.MessageText} ({e.SqlState}).", e);
        }
        catch (Exception e) when (e is NpgsqlException or SocketException or TimeoutException)
        {
            throw new IOException($"cannot reach {Description}: {e.InnerException?.Message ?? e.Message}. Check the host, port and that the server listens there.", e);
        }
    }
}
