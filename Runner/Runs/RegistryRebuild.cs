namespace RlFramework.Runner.Runs;

/// <summary>What <see cref="RunRegistry.Rebuild"/> did.</summary>
/// <param name="DatabasePath">The rebuilt registry file.</param>
/// <param name="KeptAside">Where the previous registry file (and its -wal/-shm files) now is, or null if there was none.</param>
/// <param name="Runs">The runs registered from their folders, oldest first.</param>
/// <param name="Skipped">One line for each folder with a run.json that could not be registered, naming it and why.</param>
public sealed record RegistryRebuild(string DatabasePath, string? KeptAside, IReadOnlyList<RunRecord> Runs, IReadOnlyList<string> Skipped);
