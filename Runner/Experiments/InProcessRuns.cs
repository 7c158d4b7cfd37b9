using System.Collections.Concurrent;
using RlFramework.Models;

namespace RlFramework.Runner.Experiments;

/// <summary>
/// Runs on threads of this process, <paramref name="parallelism"/> at a time. Each worker takes the next input in
/// order (no range chunks, so long runs spread over the workers), and each run's matrix products keep to its own thread:
/// the runs are the parallelism.
/// </summary>
/// <param name="parallelism">Runs at once.</param>
/// <param name="cancellation">Stops starting new runs.</param>
public sealed class InProcessRuns(int parallelism, CancellationToken cancellation = default) : IRunExecutor
{
    private readonly int _parallelism = parallelism > 0 ? parallelism
        : throw new ArgumentOutOfRangeException(nameof(parallelism), parallelism, "The number of runs at once must be positive.");

    /// <inheritdoc/>
    public IReadOnlyList<TResult> Run<TInput, TResult>(RunKind<TInput, TResult> kind, IReadOnlyList<TInput> inputs, Action<TResult>? finished = null)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(inputs);
        var results = new TResult[inputs.Count];
        var gate = new Lock();
        var order = Partitioner.Create(Enumerable.Range(0, inputs.Count), EnumerablePartitionerOptions.NoBuffering);
        Parallel.ForEach(order, new ParallelOptions { MaxDegreeOfParallelism = _parallelism, CancellationToken = cancellation }, i =>
        {
            using (torch.thread_budget(1)) results[i] = kind.Run(inputs[i]);
            if (finished is not null)
            {
                lock (gate) finished(results[i]);
            }
        });
        return results;
    }
}
