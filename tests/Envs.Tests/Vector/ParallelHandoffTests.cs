using RlFramework.Envs.Vector;

namespace RlFramework.Envs.Tests.Vector;

/// <summary>The worker hand-over: the blocking path (no spinning), the spinning path and mixed timings lose no step.</summary>
public class ParallelHandoffTests
{
    [Theory]
    [InlineData(0)]     // always block on the events
    [InlineData(1)]     // mostly block, sometimes catch the step while spinning
    [InlineData(1000)]  // mostly spin
    public async Task EveryStepIsHandedOverAndMatchesSyncWhateverTheSpinTime(int spinMicroseconds)
    {
        var run = Task.Run(() =>
        {
            Func<IEnv<float[], int>>[] Factories() => CountdownEnv.Factories(3, 4, 5, 6, 7, 8, 9);
            using var sync = new SyncVectorEnv<float, int>(Factories(), AutoresetMode.SameStep);
            using var parallel = new ParallelVectorEnv<float, int>(Factories(), AutoresetMode.SameStep, workerCount: 4,
                spinTime: TimeSpan.FromMicroseconds(spinMicroseconds));
            var a = VectorTestSupport.Run(sync, seed: 5, steps: 3000, actionSeed: 2);
            var b = VectorTestSupport.Run(parallel, seed: 5, steps: 3000, actionSeed: 2);
            Assert.True(VectorTestSupport.BitIdentical(a, b, out var difference), difference);
            Assert.Equal(3000, ((CountdownEnv)parallel.Envs[6]).Steps);
        });
        var finished = await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(120)));
        Assert.True(finished == run, "the parallel vector env hung (a lost wake-up)");
        await run;
    }

    [Fact]
    public void StepsWithPausesBetweenThemLetTheWorkersFallAsleepAndWakeAgain()
    {
        using var envs = new ParallelVectorEnv<float, int>(CountdownEnv.Factories(50, 50, 50), workerCount: 3,
            spinTime: TimeSpan.FromMicroseconds(20));
        envs.Reset(seed: 0);
        for (int t = 1; t <= 5; t++)
        {
            Thread.Sleep(5); // longer than the spin time: the workers block
            var result = envs.Step([1, 1, 1]);
            Assert.Equal([t * 10 + 1.0, t * 10 + 1.0, t * 10 + 1.0], result.Rewards.ToArray());
        }
    }

    [Fact]
    public void WorkerCountAndSpinTimeAreChecked()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ParallelVectorEnv<float, int>(CountdownEnv.Factories(1), workerCount: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ParallelVectorEnv<float, int>(CountdownEnv.Factories(1), spinTime: TimeSpan.FromTicks(-1)));
        using var capped = new ParallelVectorEnv<float, int>(CountdownEnv.Factories(1, 1), workerCount: 16);
        Assert.Equal(2, capped.WorkerCount);
        Assert.Equal(ParallelVectorEnv<float, int>.DefaultSpinTime, capped.SpinTime);
    }
}
