using BenchmarkDotNet.Attributes;

namespace RlFramework.Benchmarks.Envs;

/// <summary>Adds the <see cref="VectorStepsPerSecondColumn"/> to a benchmark's summary.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class VectorStepsPerSecondColumnAttribute : ColumnConfigBaseAttribute
{
    /// <summary>Adds the column.</summary>
    public VectorStepsPerSecondColumnAttribute() : base(new VectorStepsPerSecondColumn()) { }
}
