using RlFramework.Envs.Vector;

namespace RlFramework.Envs.Tests.Vector;

/// <summary>Steady-state Step allocates nothing on the calling thread (the benchmarks measure all threads).</summary>
public class AllocationTests
{
    [Theory]
    [InlineData(VectorMode.Sync, AutoresetMode.NextStep)]
    [InlineData(VectorMode.Parallel, AutoresetMode.NextStep)]
    [InlineData(VectorMode.Sync, AutoresetMode.Disabled)]
    public void StepAllocatesNothingInSteadyState(VectorMode mode, AutoresetMode autoreset)
    {
        using var envs = Gym.MakeVec<float, int>("CartPole-v1", 4, mode, autoreset);
        envs.Reset(seed: 0);
        int[] actions = [0, 1, 1, 0];
        bool[] mask = new bool[4];
        void Run(int steps)
        {
            for (int t = 0; t < steps; t++)
            {
                actions[t % 4] ^= 1;
                var result = envs.Step(actions);
                if (autoreset != AutoresetMode.Disabled) continue;
                bool any = false;
                for (int i = 0; i < 4; i++) any |= mask[i] = result.Done(i);
                if (any) envs.Reset(mask);
            }
        }
        Run(2_000); // warm up: JIT, first-step checks
        long before = GC.GetAllocatedBytesForCurrentThread();
        Run(20_000);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
    }
}
