using BenchmarkDotNet.Attributes;
using RlFramework.Replay;

namespace RlFramework.Benchmarks.Replay;

/// <summary>
/// Uniform replay at CartPole size (observation 4 floats, discrete action, capacity 10,000, batch 128, buffer full):
/// one add, a vector-env add of 8 transitions, and one batch sample. MemoryDiagnoser proves zero allocation.
/// </summary>
[MemoryDiagnoser]
public class UniformReplayBenchmarks
{
    private readonly float[] _obs = [0.01f, -0.02f, 0.03f, -0.04f];
    private readonly float[] _next = [0.02f, -0.01f, 0.02f, -0.03f];
    private readonly float[] _obs8 = new float[8 * 4];
    private readonly float[] _next8 = new float[8 * 4];
    private readonly int[] _actions8 = new int[8];
    private readonly float[] _rewards8 = new float[8];
    private readonly bool[] _flags8 = new bool[8];
    private ReplayBuffer<int> _buffer = null!;
    private TransitionBatch<int> _batch = null!;

    /// <summary>Fills a 10,000-transition buffer and allocates the batch once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _buffer = new ReplayBuffer<int>(10_000, 4, seed: 1);
        for (int t = 0; t < 10_000; t++)
        {
            _buffer.Add(_obs, t & 1, 1f, _next, t % 200 == 199, false);
        }

        _batch = _buffer.CreateBatch(128);
    }

    /// <summary>One transition added (ring overwrite).</summary>
    [Benchmark]
    public int Add() => _buffer.Add(_obs, 1, 1f, _next, false, false);

    /// <summary>Eight transitions added at once, as from an 8-env vector env.</summary>
    [Benchmark]
    public int AddBatch8() => _buffer.AddBatch(_obs8, _actions8, _rewards8, _next8, _flags8, _flags8);

    /// <summary>A batch of 128 transitions sampled uniformly into the reused batch.</summary>
    [Benchmark]
    public int Sample128()
    {
        _buffer.Sample(_batch);
        return _batch.Indices[0];
    }
}
