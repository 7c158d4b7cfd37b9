using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using RlFramework.Benchmarks.Models;

// Usage: ModelsPeerRunner <workload> [seconds] [threads] [N] [chunks]
// Workloads: DqnUpdate, ActionSelection, DqnLearnStep, LstmForwardBackward, Conv2dForwardBackward, Sgemm,
// AsiDynamics (threads = frame height 64 or 126, N = kernels; runs on 1 thread) and
// AsiChain (seconds = chain length, threads = frame height, N = kernels: one chained forward/backward, then peak RSS).
// Prints one JSON line: median over the chunks (5 unless given) of wall and process-CPU microseconds per op, the
// fastest chunk's wall time per op (with many short chunks: the cost when no other process got in the way), and
// allocated bytes per op.
string workload = args.Length > 0 ? args[0] : throw new ArgumentException("workload name required");
double seconds = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 2.0;
int threads = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1;
int n = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 512;
int chunks = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 5;

Action op;
switch (workload)
{
    case "DqnUpdate": { var b = new DqnUpdateBenchmark(); b.Setup(); op = () => b.DqnUpdate(); break; }
    case "ActionSelection": { var b = new DqnUpdateBenchmark(); b.Setup(); op = () => b.ActionSelection(); break; }
    case "DqnLearnStep": { var b = new DqnUpdateBenchmark(); b.Setup(); op = () => b.DqnLearnStep(); break; }
    case "LstmForwardBackward": { var b = new LstmBenchmark(); b.Setup(); op = b.LstmForwardBackward; break; }
    case "Conv2dForwardBackward": { var b = new ConvBenchmark { Threads = threads }; b.Setup(); op = b.Conv2dForwardBackward; break; }
    case "AsiDynamics": { var b = new AsiDynamicsBenchmark { Kernels = n, Height = threads }; b.Setup(); op = b.ForwardBackward; break; }
    case "AsiChain": { var b = new AsiDynamicsBenchmark { Kernels = n, Height = threads }; b.Setup(); return RunChain(b, (int)seconds); }
    case "Sgemm": { var b = new GemmBenchmark { N = n, Threads = threads }; b.Setup(); op = b.Sgemm; break; }
    default: throw new ArgumentException($"unknown workload '{workload}'");
}

// Warm-up: long enough for tiered JIT (whose background compiler competes for the CPU on a loaded machine)
// to reach optimised code: at least 4 s and 300 calls.
var warm = Stopwatch.StartNew();
for (int i = 0; warm.Elapsed.TotalSeconds < Math.Max(4, seconds) || i < 300; i++) op();

// Calls per chunk so that the chunks take about `seconds`.
var probe = Stopwatch.StartNew();
int probeCalls = 0;
while (probe.Elapsed.TotalMilliseconds < 100) { op(); probeCalls++; }
int perChunk = Math.Max(1, (int)(probeCalls * seconds / chunks / probe.Elapsed.TotalSeconds));
var walls = new List<double>();
var cpus = new List<double>();
long allocBefore = GC.GetTotalAllocatedBytes(precise: true);
for (int c = 0; c < chunks; c++)
{
    double cpu0 = ProcessCpuMicros();
    var sw = Stopwatch.StartNew();
    for (int i = 0; i < perChunk; i++) op();
    walls.Add(sw.Elapsed.TotalMicroseconds / perChunk);
    cpus.Add((ProcessCpuMicros() - cpu0) / perChunk);
}
double alloc = (GC.GetTotalAllocatedBytes(precise: true) - allocBefore) / ((double)chunks * perChunk);
walls.Sort();
cpus.Sort();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{{\"workload\":\"{workload}\",\"threads\":{threads},\"n\":{n},\"wall_us\":{walls[chunks / 2]:F3},\"wall_min_us\":{walls[0]:F3},\"cpu_us\":{cpus[chunks / 2]:F3},\"alloc_bytes_per_op\":{alloc:F1},\"calls_per_chunk\":{perChunk}}}"));
return 0;

// One chain of `steps` forwards and a backward (after one warm-up chain); prints its wall time and the peak RSS.
static int RunChain(AsiDynamicsBenchmark b, int steps)
{
    b.Chain(steps);
    var sw = Stopwatch.StartNew();
    b.Chain(steps);
    double wall = sw.Elapsed.TotalMilliseconds;
    string hwm = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
    long peakKb = long.Parse(hwm["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{{\"workload\":\"AsiChain\",\"steps\":{steps},\"height\":{b.Height},\"kernels\":{b.Kernels},\"wall_ms\":{wall:F1},\"peak_rss_mb\":{peakKb / 1024.0:F1}}}"));
    return 0;
}

static double ProcessCpuMicros()
{
    clock_gettime(2 /* CLOCK_PROCESS_CPUTIME_ID */, out var ts);
    return ts.Sec * 1e6 + ts.Nsec / 1e3;
}

[DllImport("libc", EntryPoint = "clock_gettime")]
static extern int clock_gettime(int clock, out Timespec ts);

[StructLayout(LayoutKind.Sequential)]
struct Timespec
{
    public long Sec;
    public long Nsec;
}
