using System.Reflection;
using System.Runtime.Loader;
using RlFramework.Renders.Native;

namespace RlFramework.Renders.Tests;

public class CairoLoadingTests
{
    [Fact]
    public void MissingLibraryGivesOneClearErrorWithTheInstallHint()
    {
        var p = CairoLibrary.TryLoad(["libcairo-not-here.so.9"], out var error);
        Assert.Equal(IntPtr.Zero, p);
        Assert.NotNull(error);
        Assert.Equal("libcairo", error!.Dependency);
        Assert.Equal("apt-get install libcairo2", error.InstallCommand);
        Assert.Contains("apt-get install libcairo2", error.Message);
        Assert.Contains("libcairo-not-here.so.9", error.Message);
    }

    [Fact]
    public void FreshAssemblyWithoutCairoFailsCleanlyOnlyWhenRendering()
    {
        // A separate load context gives a fresh copy of the Renders assembly with its own statics.
        var alc = new AssemblyLoadContext("renders-no-cairo", isCollectible: true);
        try
        {
            var asm = alc.LoadFromAssemblyPath(typeof(Canvas).Assembly.Location);
            var lib = asm.GetType("RlFramework.Renders.Native.CairoLibrary", throwOnError: true)!;
            lib.GetProperty("CandidatesOverride", BindingFlags.NonPublic | BindingFlags.Static)!.SetValue(null, new[] { "libcairo-not-here.so.9" });

            // Headless use: frames and GIF writing never touch Cairo.
            var frameType = asm.GetType("RlFramework.Renders.Frame", true)!;
            var frame = Activator.CreateInstance(frameType, 8, 6)!;
            var gifType = asm.GetType("RlFramework.Renders.Video.GifVideoWriter", true)!;
            var path = Path.Combine(Path.GetTempPath(), $"nocairo-{Guid.NewGuid():N}.gif");
            var gif = Activator.CreateInstance(gifType, path, 8, 6, 10.0, (int?)0)!;
            gifType.GetMethod("WriteFrame")!.Invoke(gif, [frame]);
            ((IDisposable)gif).Dispose();
            Assert.True(File.Exists(path));
            File.Delete(path);
            Assert.False((bool)lib.GetProperty("IsLoaded", BindingFlags.NonPublic | BindingFlags.Static)!.GetValue(null)!);

            // Rendering: the same clear exception every time, not a TypeInitializationException.
            var canvasType = asm.GetType("RlFramework.Renders.Canvas", true)!;
            for (var i = 0; i < 2; i++)
            {
                var e = Assert.Throws<TargetInvocationException>(() => Activator.CreateInstance(canvasType, 10, 10, false));
                Assert.Equal("MissingDependencyException", e.InnerException!.GetType().Name);
                Assert.Contains("apt-get install libcairo2", e.InnerException.Message);
            }
        }
        finally
        {
            alc.Unload();
        }
    }

    [Fact]
    public void CairoLoadsHere()
    {
        using var c = new Canvas(2, 2);
        Assert.True(CairoLibrary.IsLoaded);
    }
}
