namespace RlFramework.Models.Autograd;

/// <summary>Thread-local gradient-recording switch and anomaly-detection flag.</summary>
internal static class GradMode
{
    [ThreadStatic] private static int t_disabledDepth;

    /// <summary>Whether ops record the gradient tape on this thread.</summary>
    public static bool Enabled => t_disabledDepth == 0;

    /// <summary>Anomaly mode: every op checks its output (and backward its gradients) for NaN/inf.</summary>
    public static volatile bool DetectAnomaly;

    public static void PushDisabled() => t_disabledDepth++;

    public static void PopDisabled() => t_disabledDepth--;
}
