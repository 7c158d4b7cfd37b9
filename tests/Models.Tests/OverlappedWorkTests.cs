using RlFramework.Models.Kernels;

namespace RlFramework.Models.Tests;

public sealed class OverlappedWorkTests
{
    [Fact]
    public void EveryStartRunsTheWorkExactlyOnceBeforeJoinReturns()
    {
        int runs = 0;
        using var work = new OverlappedWork(() => Interlocked.Increment(ref runs), "test");
        for (int i = 1; i <= 2_000; i++)
        {
            work.Start();
            if (i % 3 == 0) Thread.SpinWait(200); // sometimes the background thread gets there first, sometimes the caller
            work.Join();
            Assert.Equal(i, Volatile.Read(ref runs));
        }
    }

    [Fact]
    public void TheBackgroundThreadTakesUpWorkWhileTheCallerIsBusy()
    {
        int callerThread = Environment.CurrentManagedThreadId, ranElsewhere = 0;
        using var work = new OverlappedWork(() => { if (Environment.CurrentManagedThreadId != callerThread) ranElsewhere++; }, "test");
        for (int i = 0; i < 20; i++)
        {
            work.Start();
            Thread.Sleep(5); // far longer than the background thread needs to notice
            work.Join();
        }
        Assert.True(ranElsewhere > 0, "the background thread never ran the work");
        Assert.Equal(ranElsewhere, work.RunsInBackground);
    }

    [Fact]
    public void AnExceptionOfTheWorkIsRethrownByJoinOnEitherThread()
    {
        using var work = new OverlappedWork(() => throw new InvalidDataException("broken work"), "test");
        work.Start();
        Assert.Equal("broken work", Assert.Throws<InvalidDataException>(work.Join).Message); // the caller may run it
        for (int i = 0; i < 50 && work.RunsInBackground == 0; i++) // a busy machine may keep the thread from it a while
        {
            work.Start();
            Thread.Sleep(20);
            Assert.Equal("broken work", Assert.Throws<InvalidDataException>(work.Join).Message);
        }
        Assert.True(work.RunsInBackground >= 1, "the background thread never ran the work");
    }

    [Fact]
    public void MisuseIsAnError()
    {
        var work = new OverlappedWork(() => { }, "test");
        Assert.Throws<InvalidOperationException>(work.Join);
        work.Start();
        Assert.Throws<InvalidOperationException>(work.Start);
        work.Dispose(); // joins the posted run
        Assert.Throws<ObjectDisposedException>(work.Start);
    }

    [Fact]
    public async Task DisposeEndsASleepingBackgroundThread()
    {
        var work = new OverlappedWork(() => { }, "test");
        await Task.Delay(OverlappedWork.PollMicroseconds / 1000 + 20); // past the spin: the thread blocks
        await Task.Run(work.Dispose).WaitAsync(TimeSpan.FromSeconds(10)); // throws TimeoutException if the thread never ends
        work.Dispose(); // twice is fine
    }
}
