using System.Diagnostics;
using System.Runtime.InteropServices;

namespace RlFramework.Benchmarks.TorchSharpPeer;

/// <summary>Wall and process-CPU time per call of an operation: warm-up, then chunks of calls; medians over the chunks.</summary>
internal static partial class Timing
{
    /// <summary>Runs <paramref name="op"/> for a warm-up of <paramref name="seconds"/> (at least 50 calls), then
    /// <paramref name="chunks"/> chunks lasting <paramref name="seconds"/> in all; returns the median wall and CPU µs per call.</summary>
    public static (double WallMicros, double CpuMicros) Measure(Action op, double seconds, int chunks = 5)
    {
        var warm = Stopwatch.StartNew();
        for (int i = 0; warm.Elapsed.TotalSeconds < seconds || i < 50; i++) op();
        var probe = Stopwatch.StartNew();
        int probeCalls = 0;
        while (probe.Elapsed.TotalMilliseconds < 100) { op(); probeCalls++; }
        int perChunk = Math.Max(1, (int)(probeCalls * seconds / chunks / probe.Elapsed.TotalSeconds));
        var walls = new double[chunks];
        var cpus = new double[chunks];
        for (int c = 0; c < chunks; c++)
        {
            double cpu0 = ProcessCpuMicros();
            var sw = Stopwatch.StartNew();
            for (int i = 0; i < perChunk; i++) op();
            walls[c] = sw.Elapsed.TotalMicroseconds / perChunk;
            cpus[c] = (ProcessCpuMicros() - cpu0) / perChunk;
        }
        return (Median(walls), Median(cpus));
    }

    /// <summary>The median (upper middle for an even count).</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }

    private static double ProcessCpuMicros()
    {
        if (clock_gettime(2 /* CLOCK_PROCESS_CPUTIME_ID */, out var ts) != 0) throw new InvalidOperationException("clock_gettime(CLOCK_PROCESS_CPUTIME_ID) failed");
        return ts.Sec * 1e6 + ts.Nsec / 1e3;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int clock_gettime(int clock, out Timespec ts);

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Sec;
        public long Nsec;
    }
}
