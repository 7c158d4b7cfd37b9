namespace RlFramework.Runner.Tests.Experiments.EProp;

/// <summary>Tests that measure process-wide tensor memory: xunit runs this collection after the others, alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryProbeCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "memory probe";
}
