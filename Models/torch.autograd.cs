using RlFramework.Models.Autograd;

namespace RlFramework.Models;

public static partial class torch
{
    /// <summary>Autograd switches, as <c>torch.autograd</c>.</summary>
    public static class autograd
    {
        /// <summary>Turns anomaly mode on/off: ops then report the first NaN/inf output or gradient by op name.</summary>
        public static void set_detect_anomaly(bool enabled) => GradMode.DetectAnomaly = enabled;

        /// <summary>Whether anomaly mode is on.</summary>
        public static bool is_anomaly_enabled() => GradMode.DetectAnomaly;
    }
}
