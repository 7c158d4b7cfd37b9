using RlFramework.Models.Kernels;

namespace RlFramework.Models;

/// <summary>
/// Scope returned by <c>torch.thread_budget(n)</c>: the matrix products called on this thread use at most n threads
/// (other threads keep their own budget). Dispose to restore the previous budget.
/// </summary>
public struct ThreadBudgetScope : IDisposable
{
    private int _previous;
    private bool _active;

    internal static ThreadBudgetScope Enter(int threads)
    {
        if (threads < 1) throw new ArgumentOutOfRangeException(nameof(threads), threads, "A thread budget needs at least 1 thread.");
        var scope = new ThreadBudgetScope { _previous = Gemm.ThreadBudget, _active = true };
        Gemm.ThreadBudget = threads;
        return scope;
    }

    /// <summary>Leaves the scope, restoring the calling thread's previous budget.</summary>
    public void Dispose()
    {
        if (!_active) return;
        _active = false;
        Gemm.ThreadBudget = _previous;
    }
}
