using BenchmarkDotNet.Attributes;
using RlFramework.Envs;
using RlFramework.Envs.Vector;

namespace RlFramework.Benchmarks.Envs;

/// <summary>
/// Vector env throughput when a sub-env step is heavy (<see cref="VectorBusyEnv"/> with Work iterations, about
/// 10 ns each): where the parallel vector env pays for its hand-over between threads.
/// </summary>
[MemoryDiagnoser]
[VectorStepsPerSecondColumn]
[SimpleJob(launchCount: 1, warmupCount: 4, iterationCount: 12)]
[IterationTime(250)]
public class VectorHeavyEnvBenchmarks : VectorStepBenchmark
{
    private const int StepsPerInvoke = 64;

    /// <summary>The number of sub-envs.</summary>
    [Params(2, 8)]
    public int NumEnvs { get; set; }

    /// <summary>Sync (one thread) or Parallel (worker threads, one slice per core).</summary>
    [Params(VectorMode.Sync, VectorMode.Parallel)]
    public VectorMode Mode { get; set; }

    /// <summary>The iterations of arithmetic per sub-env step.</summary>
    [Params(1000)]
    public int Work { get; set; }

    /// <summary>Builds and seeds the vector env.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var factories = Enumerable.Range(0, NumEnvs).Select(_ => (Func<IEnv<float[], int>>)(() => new VectorBusyEnv(Work))).ToArray();
        Start(Mode == VectorMode.Sync ? new SyncVectorEnv<float, int>(factories) : new ParallelVectorEnv<float, int>(factories));
    }

    /// <summary>Vector steps with alternating actions.</summary>
    [Benchmark(OperationsPerInvoke = StepsPerInvoke)]
    public double Step() => StepMany(StepsPerInvoke);
}
