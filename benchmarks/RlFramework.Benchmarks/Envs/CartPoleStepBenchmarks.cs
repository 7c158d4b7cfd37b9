using BenchmarkDotNet.Attributes;
using RlFramework.Envs;
using RlFramework.Envs.Classic;

namespace RlFramework.Benchmarks.Envs;

/// <summary>
/// One CartPole step (with a Reset when the episode ends), raw and through Gym.Make's wrappers, and one rgb_array
/// render. MemoryDiagnoser shows the steps allocate nothing.
/// Run: dotnet run -c Release --project benchmarks/RlFramework.Benchmarks -- --filter '*CartPoleStepBenchmarks*'
/// </summary>
[MemoryDiagnoser]
public class CartPoleStepBenchmarks
{
    private CartPoleEnv _raw = null!;
    private IEnv<float[], int> _made = null!;
    private CartPoleEnv _rendered = null!;
    private RlFramework.Renders.Frame _frame = null!;
    private uint _actionBits = 1;

    [GlobalSetup]
    public void Setup()
    {
        EnvLog.WriteToStandardError = false;
        _raw = new CartPoleEnv();
        _raw.Reset(seed: 0);
        _made = Gym.Make<float[], int>("CartPole-v1");
        _made.Reset(seed: 0);
        _rendered = new CartPoleEnv(renderMode: RenderMode.RgbArray);
        _rendered.Reset(seed: 0);
        _frame = new RlFramework.Renders.Frame(CartPoleEnv.ScreenWidth, CartPoleEnv.ScreenHeight);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _raw.Dispose();
        _made.Dispose();
        _rendered.Dispose();
    }

    private int NextAction()
    {
        _actionBits = _actionBits * 1664525 + 1013904223;
        return (int)(_actionBits >> 31);
    }

    /// <summary>The unwrapped env's step, as Gymnasium's env.unwrapped.step.</summary>
    [Benchmark(Baseline = true)]
    public bool RawStep()
    {
        bool done = _raw.Step(NextAction()).Done;
        if (done) _raw.Reset();
        return done;
    }

    /// <summary>A step through TimeLimit, OrderEnforcing and PassiveEnvChecker.</summary>
    [Benchmark]
    public bool MadeStep()
    {
        bool done = _made.Step(NextAction()).Done;
        if (done) _made.Reset();
        return done;
    }

    /// <summary>Drawing Gymnasium's 600×400 picture into a reused frame.</summary>
    [Benchmark]
    public void RenderInto() => _rendered.RenderInto(_frame);
}
