using System.Runtime.InteropServices;

namespace RlFramework.Renders.Native;

/// <summary>Owns a cairo_t reference; destroyed exactly once.</summary>
internal sealed class CairoContextHandle : SafeHandle
{
    /// <summary>Creates an empty (invalid) handle; the marshaller fills it.</summary>
    public CairoContextHandle()
        : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    /// <inheritdoc />
    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <inheritdoc />
    protected override bool ReleaseHandle()
    {
        CairoNative.cairo_destroy(handle);
        return true;
    }
}
