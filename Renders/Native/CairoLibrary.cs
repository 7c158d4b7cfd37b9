using System.Reflection;
using System.Runtime.InteropServices;

namespace RlFramework.Renders.Native;

/// <summary>Finds and loads libcairo on first use, so code that never renders never needs it.</summary>
internal static class CairoLibrary
{
    /// <summary>Name used in the DllImport attributes; resolved by <see cref="Resolve"/>.</summary>
    internal const string ImportName = "cairo";

    /// <summary>Environment variable that can point at a specific libcairo file.</summary>
    internal const string PathVariable = "RLFRAMEWORK_CAIRO_LIBRARY";

    private static readonly object Gate = new();
    private static IntPtr handle;
    private static MissingDependencyException? failure;

    static CairoLibrary()
    {
        NativeLibrary.SetDllImportResolver(typeof(CairoLibrary).Assembly, Resolve);
    }

    /// <summary>Test hook: when set, these names replace the platform defaults and the environment variable.</summary>
    internal static string[]? CandidatesOverride { get; set; }

    /// <summary>Names tried in order, per platform.</summary>
    internal static string[] DefaultCandidates()
    {
        if (OperatingSystem.IsWindows())
        {
            return ["libcairo-2.dll", "cairo.dll"];
        }

        if (OperatingSystem.IsMacOS())
        {
            return ["libcairo.2.dylib", "/opt/homebrew/lib/libcairo.2.dylib", "/usr/local/lib/libcairo.2.dylib"];
        }

        return ["libcairo.so.2", "libcairo.so"];
    }

    /// <summary>True once libcairo has been loaded in this process.</summary>
    internal static bool IsLoaded => handle != IntPtr.Zero;

    /// <summary>Loads libcairo (once) or throws the single clear exception that says how to install it.</summary>
    internal static void EnsureLoaded()
    {
        if (handle != IntPtr.Zero)
        {
            return;
        }

        lock (Gate)
        {
            if (handle != IntPtr.Zero)
            {
                return;
            }

            if (failure is not null)
            {
                // Same message every time, fresh stack trace.
                throw new MissingDependencyException(failure.Dependency, failure.InstallCommand, failure.Message);
            }

            var candidates = new List<string>();
            if (CandidatesOverride is { } forced)
            {
                candidates.AddRange(forced);
            }
            else
            {
                AddDefaults(candidates);
            }

            var loaded = TryLoad(candidates, out var error);
            if (loaded == IntPtr.Zero)
            {
                failure = error;
                throw error!;
            }

            handle = loaded;
        }
    }

    private static void AddDefaults(List<string> candidates)
    {
        var overridePath = Environment.GetEnvironmentVariable(PathVariable);
        if (!string.IsNullOrWhiteSpace(overridePath))
        {
            candidates.Add(overridePath);
        }

        candidates.AddRange(DefaultCandidates());
    }

    /// <summary>Tries each candidate; on failure returns zero and the exception to throw.</summary>
    internal static IntPtr TryLoad(IReadOnlyList<string> candidates, out MissingDependencyException? error)
    {
        foreach (var name in candidates)
        {
            if (NativeLibrary.TryLoad(name, out var h))
            {
                if (NativeLibrary.TryGetExport(h, "cairo_image_surface_create", out _))
                {
                    error = null;
                    return h;
                }

                NativeLibrary.Free(h);
            }
        }

        error = new MissingDependencyException(
            "libcairo",
            "apt-get install libcairo2",
            $"Rendering needs the Cairo graphics library, but none of [{string.Join(", ", candidates)}] could be loaded. " +
            $"Install it (Debian/Ubuntu: apt-get install libcairo2) or set {PathVariable} to the path of libcairo.so.2. " +
            "Headless code that never renders does not need it.");
        return IntPtr.Zero;
    }

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (libraryName != ImportName)
        {
            return IntPtr.Zero;
        }

        EnsureLoaded();
        return handle;
    }
}
