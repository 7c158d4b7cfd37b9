using RlFramework.Models.Autograd;

namespace RlFramework.Models;

/// <summary>Scope returned by <c>torch.no_grad()</c>: ops inside it record no gradient tape. Dispose to leave it.</summary>
public struct GradModeScope : IDisposable
{
    private bool _active;

    internal static GradModeScope Enter()
    {
        GradMode.PushDisabled();
        return new GradModeScope { _active = true };
    }

    /// <summary>Leaves the scope, restoring the previous gradient mode.</summary>
    public void Dispose()
    {
        if (!_active) return;
        _active = false;
        GradMode.PopDisabled();
    }
}
