using System.Globalization;
using RlFramework.Benchmarks.Models;
using RlFramework.Benchmarks.TorchSharpPeer;
using M = RlFramework.Models;
using TS = TorchSharp.torch;

// Usage (after prepare.sh): TorchSharpPeer bench [rounds] [seconds]   — the five Models workloads, TorchSharp and Models
//                                                                       interleaved per round, one thread each
//                           TorchSharpPeer exchange                   — the DQN weight exchange check (exit 1 on FAIL)
string mode = args.Length > 0 ? args[0] : throw new ArgumentException("mode required: 'bench [rounds] [seconds]' or 'exchange'");
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
TS.set_num_threads(1);
TS.set_num_interop_threads(1);
M.torch.set_num_threads(1);
switch (mode)
{
    case "exchange":
        return WeightExchange.Run() ? 0 : 1;
    case "bench":
        int rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
        double seconds = args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 2.0;
        Bench(rounds, seconds);
        return 0;
    default:
        throw new ArgumentException($"unknown mode '{mode}': expected 'bench' or 'exchange'");
}

static void Bench(int rounds, double seconds)
{
    Console.WriteLine($"TorchSharp {typeof(TS).Assembly.GetName().Version}, libtorch threads {TS.get_num_threads()}, Models threads {M.torch.get_num_threads()}; load average at start: {File.ReadAllText("/proc/loadavg").Trim()}");
    var theirs = new TorchSharpWorkloads();
    var dqn = new DqnUpdateBenchmark();
    dqn.Setup();
    var lstm = new LstmBenchmark();
    lstm.Setup();
    var conv = new ConvBenchmark { Threads = 1 };
    conv.Setup();
    var gemm512 = new GemmBenchmark { N = 512, Threads = 1 };
    gemm512.Setup();
    var gemm1024 = new GemmBenchmark { N = 1024, Threads = 1 };
    gemm1024.Setup();
    (string Name, Action TorchSharp, Action Models)[] workloads =
    [
        ("1. DQN update (batch 128, Adam)", () => theirs.DqnUpdate(), () => dqn.DqnUpdate()),
        ("2. Action selection (1 obs, argmax)", () => theirs.ActionSelection(), () => dqn.ActionSelection()),
        ("3. LSTM fwd + BPTT (32 units, 10 steps)", theirs.LstmForwardBackward, lstm.LstmForwardBackward),
        ("4. Conv2d fwd + bwd", theirs.Conv2dForwardBackward, conv.Conv2dForwardBackward),
        ("5. SGEMM 512³", TorchSharpWorkloads.Sgemm(512), gemm512.Sgemm),
        ("5. SGEMM 1024³", TorchSharpWorkloads.Sgemm(1024), gemm1024.Sgemm),
    ];
    // results[workload][side] = per-round (wall, cpu) µs; side 0 = TorchSharp, 1 = Models.
    var results = workloads.Select(_ => new[] { new List<(double Wall, double Cpu)>(), new List<(double Wall, double Cpu)>() }).ToArray();
    for (int r = 0; r < rounds; r++)
    {
        for (int w = 0; w < workloads.Length; w++)
        {
            results[w][0].Add(Timing.Measure(workloads[w].TorchSharp, seconds));
            results[w][1].Add(Timing.Measure(workloads[w].Models, seconds));
            Console.WriteLine($"round {r + 1} {workloads[w].Name}: TorchSharp wall {results[w][0][^1].Wall:F1} µs cpu {results[w][0][^1].Cpu:F1} µs; Models wall {results[w][1][^1].Wall:F1} µs cpu {results[w][1][^1].Cpu:F1} µs");
        }
    }
    Console.WriteLine($"load average at end: {File.ReadAllText("/proc/loadavg").Trim()}");
    Console.WriteLine();
    Console.WriteLine("Times: median over rounds; ratio: median over rounds of TorchSharp time / Models time in the same round (above 1: Models faster).");
    Console.WriteLine("| workload | TorchSharp wall | Models wall | ratio | TorchSharp CPU | Models CPU | ratio |");
    Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
    for (int w = 0; w < workloads.Length; w++)
    {
        double tw = Timing.Median(results[w][0].Select(x => x.Wall)), mw = Timing.Median(results[w][1].Select(x => x.Wall));
        double tc = Timing.Median(results[w][0].Select(x => x.Cpu)), mc = Timing.Median(results[w][1].Select(x => x.Cpu));
        double wallRatio = Timing.Median(results[w][0].Zip(results[w][1], (t, m) => t.Wall / m.Wall));
        double cpuRatio = Timing.Median(results[w][0].Zip(results[w][1], (t, m) => t.Cpu / m.Cpu));
        Console.WriteLine($"| {workloads[w].Name} | {tw:F1} µs | {mw:F1} µs | **{wallRatio:F2}×** | {tc:F1} µs | {mc:F1} µs | **{cpuRatio:F2}×** |");
    }
}
