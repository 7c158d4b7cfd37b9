namespace RlFramework.Runner.Experiments;

/// <summary>Where the runs of a reproduction go: threads of this process (<see cref="InProcessRuns"/>) or the workers of a cluster.</summary>
public interface IRunExecutor
{
    /// <summary>
    /// Runs every input of <paramref name="inputs"/>; returns their results in the order of the inputs.
    /// <paramref name="finished"/> (optional) hears each result as it comes in, in any order, never from two threads at once.
    /// </summary>
    /// <remarks>A run that throws fails the call: in-process with the run's exception, on a cluster with an <see cref="InvalidOperationException"/> that names the run and says why.</remarks>
    IReadOnlyList<TResult> Run<TInput, TResult>(RunKind<TInput, TResult> kind, IReadOnlyList<TInput> inputs, Action<TResult>? finished = null);
}
