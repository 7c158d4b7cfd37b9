using System.Globalization;
using RlFramework.Models.Routing;
using RlFramework.Runner.Logging;

namespace RlFramework.Runner.Experiments.Routing;

/// <summary>Writes routing diagnostics to a metrics sink (CSV, TensorBoard): per routed layer its entropy, top share, collapse flag and per-task usage shares.</summary>
public sealed class RoutingLog(IMetricsSink sink)
{
    /// <summary>Writes <paramref name="layers"/> at <paramref name="step"/> under tags starting with <paramref name="prefix"/>.</summary>
    public void Write(string prefix, long step, IReadOnlyList<LayerDiagnostics> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        foreach (var layer in layers)
        {
            string tag = string.Create(CultureInfo.InvariantCulture, $"{prefix}/layer{layer.Depth}");
            sink.Write(step, tag + "/entropy_bits", layer.Entropy);
            sink.Write(step, tag + "/top_share", layer.TopShare);
            sink.Write(step, tag + "/collapsed", layer.Collapsed ? 1 : 0);
            for (int task = 0; task < layer.Usage.Length; task++)
            {
                var shares = layer.TaskShares(task);
                for (int a = 0; a < shares.Length; a++)
                    sink.Write(step, string.Create(CultureInfo.InvariantCulture, $"{tag}/usage/task{task}/module{a}"), shares[a]);
            }
        }
    }

    /// <summary>Writes what a run recorded (its <see cref="MetricsRecording.Points"/>) to this log's sink.</summary>
    internal void Replay(IEnumerable<(long Step, string Tag, double Value)> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        foreach (var (step, tag, value) in points) sink.Write(step, tag, value);
    }
}
