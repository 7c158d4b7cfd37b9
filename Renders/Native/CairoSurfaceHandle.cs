using System.Runtime.InteropServices;

namespace RlFramework.Renders.Native;

/// <summary>Owns a cairo_surface_t reference; destroyed exactly once.</summary>
internal sealed class CairoSurfaceHandle : SafeHandle
{
    /// <summary>Creates an empty (invalid) handle; the marshaller fills it.</summary>
    public CairoSurfaceHandle()
        : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    /// <inheritdoc />
    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <inheritdoc />
    protected override bool ReleaseHandle()
    {
        CairoNative.cairo_surface_destroy(handle);
        return true;
    }
}
