using RlFramework.Models.Modules;

namespace RlFramework.Models.Routing;

/// <summary>
/// A router dispatched by meta-information: a table with one row of outputs per (depth, task); the state is the task
/// id and the depth, not the activation. The table is a parameter trained with the rest of the network.
/// </summary>
public sealed class TaskDispatchedRouter : Router
{
    private readonly Parameter _table;

    /// <summary>Creates the table for <paramref name="tasks"/> tasks, every row starting as <paramref name="initialRow"/> (Heads·Actions values).</summary>
    public TaskDispatchedRouter(int depth, int tasks, int modules, bool skip, int heads, ReadOnlySpan<float> initialRow)
        : base("TaskDispatchedRouter", depth, modules, skip, terminate: false, heads)
    {
        if (tasks <= 0) throw new ArgumentOutOfRangeException(nameof(tasks), tasks, "A task-dispatched router needs at least one task.");
        if (initialRow.Length != heads * Actions)
            throw new ArgumentException($"The initial row must hold heads × actions = {heads * Actions} values; got {initialRow.Length}.", nameof(initialRow));
        Tasks = tasks;
        _table = new Parameter([depth * tasks, heads * Actions]);
        for (int r = 0; r < depth * tasks; r++) initialRow.CopyTo(_table.Span.Slice(r * initialRow.Length, initialRow.Length));
        register_parameter("table", _table);
    }

    /// <summary>The number of tasks.</summary>
    public int Tasks { get; }

    /// <summary>The table [Depth·Tasks, Heads·Actions], row d·Tasks + task.</summary>
    public Parameter Table => _table;

    /// <inheritdoc/>
    public override Tensor Outputs(Tensor activations, ReadOnlySpan<int> tasks, int depth)
    {
        if ((uint)depth >= (uint)Depth) throw new ArgumentOutOfRangeException(nameof(depth), depth, $"The router has depths 0..{Depth - 1}.");
        var rows = new float[tasks.Length];
        for (int i = 0; i < tasks.Length; i++)
        {
            if ((uint)tasks[i] >= (uint)Tasks) throw new ArgumentOutOfRangeException(nameof(tasks), tasks[i], $"Task ids of this router are 0..{Tasks - 1}.");
            rows[i] = depth * Tasks + tasks[i];
        }
        return _table.index_select(0, torch.tensor(rows, [rows.Length]));
    }

    /// <summary>Projects the first <paramref name="width"/> values of every row (a policy) onto the probability simplex.</summary>
    public void ProjectRowsToSimplex(int width)
    {
        if (width <= 0 || width > Heads * Actions) throw new ArgumentOutOfRangeException(nameof(width), width, $"A row holds {Heads * Actions} values.");
        int stride = Heads * Actions;
        for (int r = 0; r < Depth * Tasks; r++) Simplex.Project(_table.Span.Slice(r * stride, width));
    }
}
