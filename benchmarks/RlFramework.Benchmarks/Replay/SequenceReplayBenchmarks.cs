using BenchmarkDotNet.Attributes;
using RlFramework.Replay;

namespace RlFramework.Benchmarks.Replay;

/// <summary>
/// Sequence replay for a recurrent agent at CartPole size: capacity 10,000 steps of episodes 20..220 steps long;
/// one step added (episode commits included), and 32 windows of 16 steps sampled.
/// </summary>
[MemoryDiagnoser]
public class SequenceReplayBenchmarks
{
    private readonly float[] _obs = [0.01f, -0.02f, 0.03f, -0.04f];
    private readonly float[] _next = [0.02f, -0.01f, 0.02f, -0.03f];
    private SequenceReplayBuffer<int> _buffer = null!;
    private SequenceBatch<int> _batch = null!;
    private int _t;

    /// <summary>Fills the buffer with episodes and allocates the batch once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _buffer = new SequenceReplayBuffer<int>(10_000, 4, seed: 1);
        for (int k = 0; k < 20_000; k++)
        {
            Step();
        }

        _batch = _buffer.CreateBatch(32, 16);
        _buffer.SampleWindows(_batch);
    }

    /// <summary>One step added; every 20..220 steps it ends an episode that is committed to the ring.</summary>
    [Benchmark]
    public void AddStep() => Step();

    /// <summary>32 full windows of 16 steps with masks.</summary>
    [Benchmark]
    public int SampleWindows32x16()
    {
        _buffer.SampleWindows(_batch);
        return _batch.ValidLengths[0];
    }

    private void Step()
    {
        _t++;
        bool done = _t >= 20 + (int)(_buffer.EpisodesAdded * 37 % 200);
        _buffer.Add(0, _obs, _t & 1, 1f, _next, done, false);
        if (done)
        {
            _t = 0;
        }
    }
}
