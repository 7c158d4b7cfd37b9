using BenchmarkDotNet.Running;

if (args is ["codec-cpu"])
{
    RlFramework.Benchmarks.Replay.FileCodecBenchmarks.PrintCpuTimes();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
