using BenchmarkDotNet.Attributes;
using RlFramework.Replay;

namespace RlFramework.Benchmarks.Replay;

/// <summary>
/// Prioritized replay at CartPole size (capacity 10,000, batch 128, alpha 0.6, beta 0.4, priorities spread over
/// four orders of magnitude): add, stratified sample with importance weights, and a priority update of 128 slots.
/// </summary>
[MemoryDiagnoser]
public class PrioritizedReplayBenchmarks
{
    private readonly float[] _obs = [0.01f, -0.02f, 0.03f, -0.04f];
    private readonly float[] _next = [0.02f, -0.01f, 0.02f, -0.03f];
    private readonly float[] _priorities = new float[128];
    private PrioritizedReplayBuffer<int> _buffer = null!;
    private TransitionBatch<int> _batch = null!;

    /// <summary>Fills the buffer, sets varied priorities and allocates the batch once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _buffer = new PrioritizedReplayBuffer<int>(10_000, 4, alpha: 0.6, beta: 0.4, seed: 1);
        for (int t = 0; t < 10_000; t++)
        {
            _buffer.Add(_obs, t & 1, 1f, _next, false, false);
        }

        var slots = new int[10_000];
        var prios = new float[10_000];
        for (int i = 0; i < slots.Length; i++)
        {
            slots[i] = i;
            prios[i] = MathF.Pow(10f, (i * 7919 % 10_000) / 2_500f - 2f);
        }

        _buffer.UpdatePriorities(slots, prios);
        _batch = _buffer.CreateBatch(128);
        _buffer.Sample(_batch);
        for (int i = 0; i < 128; i++)
        {
            _priorities[i] = 0.1f + i * 0.01f;
        }
    }

    /// <summary>One transition added at the maximum priority.</summary>
    [Benchmark]
    public int Add() => _buffer.Add(_obs, 1, 1f, _next, false, false);

    /// <summary>128 transitions drawn proportionally to priority, with normalised importance weights.</summary>
    [Benchmark]
    public int Sample128()
    {
        _buffer.Sample(_batch);
        return _batch.Indices[0];
    }

    /// <summary>Priorities of the 128 sampled slots updated.</summary>
    [Benchmark]
    public void UpdatePriorities128() => _buffer.UpdatePriorities(_batch.Indices, _priorities);
}
