using RlFramework.Renders.Tests.Support;
using RlFramework.Renders.Video;

namespace RlFramework.Renders.Tests;

public class AllocationTests
{
    [Fact]
    public void DrawingAndCopyingIntoAReusableFrameAllocatesNothing()
    {
        using var c = new Canvas(600, 400);
        var frame = new Frame(600, 400);
        for (var i = 0; i < 20; i++)
        {
            Scenes.CartPole(c, i * 0.01, i * 0.01);
            c.CopyTo(frame);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 50; i++)
        {
            Scenes.CartPole(c, i * 0.01, i * 0.01);
            c.CopyTo(frame);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void GifFramesAllocateNothingOnceRunning()
    {
        using var dir = new TempDir();
        using var c = new Canvas(600, 400);
        var frames = Enumerable.Range(0, 60).Select(i =>
        {
            Scenes.CartPole(c, -1 + (i * 0.02), 0.1 * Math.Sin(i * 0.3));
            return c.ToFrame();
        }).ToList();
        using var w = new GifVideoWriter(dir.File("a.gif"), 600, 400, 50);
        for (var i = 0; i < 10; i++)
        {
            w.WriteFrame(frames[i]);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 10; i < 60; i++)
        {
            w.WriteFrame(frames[i]);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
