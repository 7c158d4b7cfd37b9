namespace RlFramework.Runner.Tests.Sweeps;

/// <summary>A fact reported as skipped (with the reason) when a PostgreSQL server with Orleans' schema cannot be started here.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    /// <summary>Sets Skip when PostgreSQL or the schema scripts are missing.</summary>
    public PostgresFactAttribute()
    {
        if (PostgresServer.Unavailable is { } reason) Skip = $"SKIPPED: {reason} — the multi-process cluster was not tested.";
    }
}
