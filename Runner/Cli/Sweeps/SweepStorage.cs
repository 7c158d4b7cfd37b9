namespace RlFramework.Runner.Cli.Sweeps;

/// <summary>The grain storage that holds sweep state: in memory for the embedded silo, PostgreSQL (ADO.NET) on a cluster.</summary>
public static class SweepStorage
{
    /// <summary>The storage provider's name.</summary>
    public const string Name = "sweeps";
}
