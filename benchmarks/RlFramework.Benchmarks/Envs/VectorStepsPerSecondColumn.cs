using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace RlFramework.Benchmarks.Envs;

/// <summary>Sub-env steps per second of a vector env benchmark: its NumEnvs parameter divided by the mean time of one vector step.</summary>
public sealed class VectorStepsPerSecondColumn : IColumn
{
    /// <inheritdoc/>
    public string Id => nameof(VectorStepsPerSecondColumn);
    /// <inheritdoc/>
    public string ColumnName => "EnvSteps/s";
    /// <inheritdoc/>
    public bool AlwaysShow => true;
    /// <inheritdoc/>
    public ColumnCategory Category => ColumnCategory.Custom;
    /// <inheritdoc/>
    public int PriorityInCategory => 0;
    /// <inheritdoc/>
    public bool IsNumeric => true;
    /// <inheritdoc/>
    public UnitType UnitType => UnitType.Dimensionless;
    /// <inheritdoc/>
    public string Legend => "Sub-env steps per second (NumEnvs / mean time per vector step)";

    /// <inheritdoc/>
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    /// <inheritdoc/>
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var statistics = summary[benchmarkCase]?.ResultStatistics;
        if (statistics is null || benchmarkCase.Parameters["NumEnvs"] is not int numEnvs) return "NA";
        return (numEnvs * 1e9 / statistics.Mean).ToString("N0", CultureInfo.InvariantCulture);
    }

    /// <inheritdoc/>
    public bool IsAvailable(Summary summary) => true;

    /// <inheritdoc/>
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
