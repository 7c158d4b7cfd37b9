using BenchmarkDotNet.Attributes;
using RlFramework.Envs;
using RlFramework.Envs.Vector;

namespace RlFramework.Benchmarks.Envs;

/// <summary>
/// Vector env throughput on CartPole-v1 made by <c>Gym.MakeVec</c> (standard wrappers, NextStep autoreset): one
/// operation is one vector Step of all sub-envs; the EnvSteps/s column is NumEnvs / mean time.
/// </summary>
[MemoryDiagnoser]
[VectorStepsPerSecondColumn]
[SimpleJob(launchCount: 1, warmupCount: 4, iterationCount: 12)]
[IterationTime(250)]
public class VectorEnvBenchmarks : VectorStepBenchmark
{
    private const int StepsPerInvoke = 2048;

    /// <summary>The number of CartPole sub-envs.</summary>
    [Params(1, 2, 8)]
    public int NumEnvs { get; set; }

    /// <summary>Sync (one thread) or Parallel (worker threads, one slice per core).</summary>
    [Params(VectorMode.Sync, VectorMode.Parallel)]
    public VectorMode Mode { get; set; }

    /// <summary>Builds and seeds the vector env.</summary>
    [GlobalSetup]
    public void Setup()
    {
        EnvLog.WriteToStandardError = false;
        Start(Gym.MakeVec<float, int>("CartPole-v1", NumEnvs, Mode));
    }

    /// <summary>Vector steps with alternating actions; episodes end and autoreset as they do in training.</summary>
    [Benchmark(OperationsPerInvoke = StepsPerInvoke)]
    public double Step() => StepMany(StepsPerInvoke);
}
