using BenchmarkDotNet.Attributes;
using RlFramework.Envs.Vector;

namespace RlFramework.Benchmarks.Envs;

/// <summary>
/// What the vector env benchmarks share: the env under test, its teardown, and a loop of vector steps with
/// alternating actions (episodes end and autoreset as in training).
/// </summary>
public abstract class VectorStepBenchmark
{
    private IVectorEnv<float, int> _envs = null!;
    private int[] _actions = null!;

    /// <summary>Seeds <paramref name="envs"/> and makes it the env under test.</summary>
    protected void Start(IVectorEnv<float, int> envs)
    {
        _envs = envs;
        _envs.Reset(seed: 0);
        _actions = new int[envs.NumEnvs];
    }

    /// <summary>Takes <paramref name="steps"/> vector steps; returns a sum of rewards so the work is not optimised away.</summary>
    protected double StepMany(int steps)
    {
        double sum = 0;
        var actions = _actions;
        for (int t = 0; t < steps; t++)
        {
            for (int i = 0; i < actions.Length; i++) actions[i] = (t + i) & 1;
            sum += _envs.Step(actions).Rewards[0];
        }
        return sum;
    }

    /// <summary>Stops the workers and closes the sub-envs.</summary>
    [GlobalCleanup]
    public void Cleanup() => _envs.Dispose();
}
