using RlFramework.Envs.Classic;
using RlFramework.Envs.Spaces;
using RlFramework.Envs.Vector;

namespace RlFramework.Envs.Tests.Vector;

/// <summary>Clear exceptions for bad input; sub-env failures; Close/Dispose; string forms and spaces.</summary>
public class BadInputAndLifecycleTests
{
    public static TheoryData<VectorMode> Modes => new(VectorMode.Sync, VectorMode.Parallel);

    [Theory, MemberData(nameof(Modes))]
    public void TheWrongNumberOfActionsNamesBothCounts(VectorMode mode)
    {
        using var envs = Gym.MakeVec<float, int>("CartPole-v1", 2, mode);
        envs.Reset(seed: 0);
        var e = Assert.Throws<ArgumentException>(() => envs.Step([1, 0, 1]));
        Assert.Contains("got 3 actions", e.Message);
        Assert.Contains("2", e.Message);
        Assert.Throws<ArgumentNullException>(() => envs.Step((int[])null!));
    }

    [Theory, MemberData(nameof(Modes))]
    public void AnInvalidActionNamesTheSubEnvTheActionAndTheSpaceAndStepsNothing(VectorMode mode)
    {
        using var envs = VectorTestSupport.Create(mode, CountdownEnv.Factories(5, 5, 5), workers: 3);
        envs.Reset(seed: 0);
        var e = Assert.Throws<ArgumentException>(() => envs.Step([0, 1, 7]));
        Assert.Contains("sub-env 2", e.Message);
        Assert.Contains("action 7", e.Message);
        Assert.Contains("Discrete(3)", e.Message);
        Assert.All(envs.Envs, env => Assert.Equal(0, ((CountdownEnv)env).Steps));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void NumEnvsMustBePositive(int numEnvs)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Gym.MakeVec<float, int>("CartPole-v1", numEnvs));
        Assert.Equal("numEnvs", e.ParamName);
        Assert.Contains(numEnvs.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Gym.MakeVec("CartPole-v1", numEnvs));
        var empty = Assert.Throws<ArgumentException>(() => new SyncVectorEnv<float, int>([]));
        Assert.Contains("got 0", empty.Message);
    }

    [Fact]
    public void ASeedListOfTheWrongLengthNamesTheLengths()
    {
        using var envs = Gym.MakeVec<float, int>("CartPole-v1", 3);
        var e = Assert.Throws<ArgumentException>(() => envs.Reset([1, 2]));
        Assert.Contains("got 2 seeds", e.Message);
        Assert.Contains("3", e.Message);
    }

    [Fact]
    public void SeedsMustBeNonNegativeAndSPlusNMinusOneMustFitAnInt()
    {
        using var envs = Gym.MakeVec<float, int>("CartPole-v1", 3);
        Assert.Throws<ArgumentOutOfRangeException>(() => envs.Reset(-1));
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => envs.Reset(int.MaxValue - 1));
        Assert.Contains("seed+2", e.Message);
        envs.Reset(int.MaxValue - 2); // the last sub-env gets int.MaxValue
    }

    [Fact]
    public void BadMasksAreRejected()
    {
        using var envs = new SyncVectorEnv<float, int>(CountdownEnv.Factories(3, 3), AutoresetMode.Disabled);
        Assert.Throws<InvalidOperationException>(() => envs.Reset([true, false])); // the first reset must reset all
        envs.Reset(seed: 0);
        var length = Assert.Throws<ArgumentException>(() => envs.Reset([true]));
        Assert.Contains("1 entries", length.Message);
        var none = Assert.Throws<ArgumentException>(() => envs.Reset([false, false]));
        Assert.Contains("selects no sub-env", none.Message);
    }

    [Fact]
    public void StepBeforeResetSaysToCallReset()
    {
        using var envs = Gym.MakeVec<float, int>("CartPole-v1", 2);
        var e = Assert.Throws<InvalidOperationException>(() => envs.Step([0, 0]));
        Assert.Contains("Reset", e.Message);
    }

    [Fact]
    public void MakeVecWithTheWrongTypesOrAnUnknownIdFails()
    {
        var types = Assert.Throws<ArgumentException>(() => Gym.MakeVec<double, int>("CartPole-v1", 2));
        Assert.Contains("Single[]", types.Message);
        var unknown = Assert.Throws<ArgumentException>(() => Gym.MakeVec<float, int>("CartPol-v1", 2));
        Assert.Contains("CartPole-v1", unknown.Message);
    }

    [Fact]
    public void SubEnvsWithDifferentSpacesAreRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => new SyncVectorEnv<float, int>(
            [() => new CartPoleEnv(), () => new CountdownEnv(3)]));
        Assert.Contains("Sub-env 1", e.Message);
    }

    [Theory, MemberData(nameof(Modes))]
    public void AnExceptionInASubEnvSurfacesOnTheCallersThreadWithTheEnvIndex(VectorMode mode)
    {
        Func<IEnv<float[], int>>[] factories = [.. Enumerable.Range(0, 6).Select(i => (Func<IEnv<float[], int>>)(() => new CountdownEnv(10, throwAtStep: i == 4 ? 2 : -1)))];
        using var envs = VectorTestSupport.Create(mode, factories, workers: 2);
        envs.Reset(seed: 0);
        envs.Step([0, 0, 0, 0, 0, 0]);
        var e = Assert.Throws<VectorEnvException>(() => envs.Step([0, 0, 0, 0, 0, 0]));
        Assert.Equal(4, e.EnvIndex);
        Assert.Equal("Step", e.Operation);
        Assert.Contains("Sub-env 4", e.Message);
        Assert.IsType<InvalidOperationException>(e.InnerException);
        Assert.Contains("countdown failure", e.Message);
        // The vector env is still usable after a reset.
        envs.Reset(seed: 1);
        var after = envs.Step([1, 1, 1, 1, 1, 1]);
        Assert.Equal(11.0, after.Rewards[4]);
    }

    [Fact]
    public void TheLowestFailingIndexIsReportedWhenSeveralWorkersFail()
    {
        Func<IEnv<float[], int>>[] factories = [.. Enumerable.Range(0, 6).Select(i => (Func<IEnv<float[], int>>)(() => new CountdownEnv(10, throwAtStep: i is 3 or 5 ? 1 : -1)))];
        using var envs = new ParallelVectorEnv<float, int>(factories, workerCount: 3);
        envs.Reset(seed: 0);
        Assert.Equal(3, Assert.Throws<VectorEnvException>(() => envs.Step([0, 0, 0, 0, 0, 0])).EnvIndex);
    }

    [Theory, MemberData(nameof(Modes))]
    public void CloseIsIdempotentClosesEverySubEnvOnceAndLaterCallsFail(VectorMode mode)
    {
        var envs = VectorTestSupport.Create(mode, CountdownEnv.Factories(3, 3, 3), workers: 3);
        envs.Reset(seed: 0);
        envs.Step([0, 0, 0]);
        envs.Close();
        envs.Close();
        envs.Dispose();
        Assert.True(envs.IsClosed);
        Assert.All(envs.Envs, e => Assert.Equal(1, ((CountdownEnv)e).Closes));
        Assert.Throws<ObjectDisposedException>(() => envs.Step([0, 0, 0]));
        Assert.Throws<ObjectDisposedException>(() => envs.Reset());
    }

    [Fact]
    public void ParallelDisposeStopsItsWorkerThreads()
    {
        var envs = new ParallelVectorEnv<float, int>(CountdownEnv.Factories(3, 3, 3, 3, 3, 3, 3, 3), workerCount: 8);
        Assert.Equal(7, envs.AliveWorkers); // the caller runs slice 0
        envs.Reset(seed: 0);
        envs.Step([0, 0, 0, 0, 0, 0, 0, 0]);
        envs.Dispose();
        Assert.Equal(0, envs.AliveWorkers);
    }

    [Fact]
    public void ToStringHasGymnasiumsForm()
    {
        using var sync = Gym.MakeVec<float, int>("CartPole-v1", 3);
        Assert.Equal("SyncVectorEnv(CartPole-v1, num_envs=3)", sync.ToString());
        using var parallel = Gym.MakeVec<float, int>("CartPole-v1", 2, VectorMode.Parallel);
        Assert.Equal("ParallelVectorEnv(CartPole-v1, num_envs=2)", parallel.ToString());
        using var plain = new SyncVectorEnv<float, int>(CountdownEnv.Factories(1, 1));
        Assert.Equal("SyncVectorEnv(num_envs=2)", plain.ToString());
    }

    [Fact]
    public void SpacesAreBatchedAsGymnasiumBatchesThem()
    {
        using var envs = Gym.MakeVec<float, int>("CartPole-v1", 3);
        Assert.Equal(3, envs.NumEnvs);
        Assert.Equal(4, envs.ObservationSize);
        Assert.Equal("Discrete(2)", envs.SingleActionSpace.ToString());
        Assert.Equal("MultiDiscrete([2 2 2])", envs.ActionSpace.ToString());
        Assert.Equal([3, 4], envs.ObservationSpace.Shape);
        Assert.Equal("float32", envs.ObservationSpace.DType);
        var single = (Box<float>)envs.SingleObservationSpace;
        var batched = (Box<float>)envs.ObservationSpace;
        for (int i = 0; i < 3; i++)
            Assert.Equal(single.High.ToArray(), batched.High.Slice(i * 4, 4).ToArray());
        envs.ActionSpace.Seed(1);
        var actions = envs.ActionSpace.Sample();
        Assert.True(envs.ActionSpace.Contains(actions));
        var result = envs.Reset(seed: 1);
        Assert.True(envs.ObservationSpace.Contains(result.Observations.ToArray()));
        var step = envs.Step(actions);
        Assert.True(envs.ObservationSpace.Contains(step.Observations.ToArray()));
        Assert.Equal(envs.Envs[0].Metadata, envs.Metadata);
    }

    [Fact]
    public void NonDiscreteActionSpacesBatchAsArraysOfActions()
    {
        var space = new BatchedSpace<float[]>(new Box<float>(-1f, 1f, 2), 3);
        Assert.Equal([3, 2], space.Shape);
        space.Seed(4);
        var sample = space.Sample();
        Assert.Equal(3, sample.Length);
        Assert.True(space.Contains(sample));
        Assert.False(space.Contains([[0f, 0f], [2f, 0f], [0f, 0f]]));
        Assert.False(space.Contains([[0f, 0f]]));
    }

    [Fact]
    public void TheTypeErasedMakeVecBuildsTheTypedEnv()
    {
        using var envs = Gym.MakeVec("CartPole-v1", 2, VectorMode.Parallel, AutoresetMode.SameStep);
        var typed = Assert.IsAssignableFrom<IVectorEnv<float, int>>(envs);
        Assert.Equal(AutoresetMode.SameStep, typed.AutoresetMode);
        Assert.Equal("CartPole-v1", envs.Spec!.Id);
        Assert.Equal(2, typed.Reset(seed: 0).NumEnvs);
    }
}
