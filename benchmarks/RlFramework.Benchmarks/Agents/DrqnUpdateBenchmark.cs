using BenchmarkDotNet.Attributes;
using RlFramework.Agents.Drqn;
using RlFramework.Models;
using RlFramework.Models.EProp;
using RlFramework.Runner.Experiments.EProp;

namespace RlFramework.Benchmarks.Agents;

/// <summary>
/// One DRQN training step (gradient + Adam) of the BPTT learner vs the e-prop learner on a batch of 32 windows of
/// CartPole-sized inputs (4 observations + 2 action one-hot, LSTM 32, 2 actions), for window lengths 10 and 100.
/// The TD targets are set beforehand (the target network's forward is the same for both learners).
/// </summary>
[MemoryDiagnoser]
public class DrqnUpdateBenchmark
{
    private DrqnBatch _batch = null!;
    private DrqnBpttLearner _bptt = null!;
    private DrqnEPropLearner _eprop = null!;

    /// <summary>Steps per window.</summary>
    [Params(10, 100)]
    public int WindowLength { get; set; }

    /// <summary>Builds the networks and a batch of random windows.</summary>
    [GlobalSetup]
    public void Setup()
    {
        torch.set_num_threads(1);
        _batch = UpdateMemoryProbe.SyntheticBatch(32, WindowLength, 4, 2);
        var q1 = new DrqnNetwork(6, 32, 2, generator: new Generator(1));
        var q2 = new DrqnNetwork(6, 32, 2, generator: new Generator(1));
        _bptt = new DrqnBpttLearner(q1, torch.optim.Adam(q1.parameters(), 1e-6));
        _eprop = new DrqnEPropLearner(q2, torch.optim.Adam(q2.parameters(), 1e-6), LearningSignalFeedback.Symmetric, EPropAccumulation.AllSteps, new EPropOptions());
    }

    /// <summary>BPTT: autograd through the window, backward, Adam.</summary>
    [Benchmark(Baseline = true)]
    public double Bptt() => _bptt.Update(_batch).Loss;

    /// <summary>e-prop: online traces through the window, Adam.</summary>
    [Benchmark]
    public double EProp() => _eprop.Update(_batch).Loss;
}
