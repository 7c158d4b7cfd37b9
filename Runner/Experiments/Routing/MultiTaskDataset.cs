using RlFramework.Models;

namespace RlFramework.Runner.Experiments.Routing;

/// <summary>
/// Synthetic multi-task classification: inputs x ~ N(0, I) shared by all tasks; K random primitive maps
/// P_j(x) = tanh(A_j·x); task t labels x by argmax R·P_{c2(t)}(P_{c1(t)}(x)) with its own pair of primitives (c1, c2)
/// and a shared random readout R. The tasks are different rules on the same inputs that share building blocks.
/// </summary>
public sealed class MultiTaskDataset
{
    private readonly float[][] _primitives;
    private readonly float[] _readout;
    private readonly (int First, int Second)[] _rules;

    /// <summary>Draws the rules from <paramref name="seed"/>.</summary>
    public MultiTaskDataset(int inputs, int classes, int tasks, int primitives, int seed)
    {
        if (tasks > primitives * (primitives - 1)) throw new ArgumentOutOfRangeException(nameof(tasks), tasks, $"{primitives} primitives give at most {primitives * (primitives - 1)} ordered pairs.");
        (Inputs, Classes, Tasks) = (inputs, classes, tasks);
        var g = new Generator(seed);
        _primitives = Enumerable.Range(0, primitives).Select(_ => { var a = new float[inputs * inputs]; g.FillNormal(a, 0, 2.0 / Math.Sqrt(inputs)); return a; }).ToArray();
        _readout = new float[classes * inputs];
        g.FillNormal(_readout, 0, 1);
        var pairs = new List<(int, int)>();
        for (int i = 0; i < primitives; i++) for (int j = 0; j < primitives; j++) if (i != j) pairs.Add((i, j));
        for (int k = pairs.Count - 1; k > 0; k--) { int r = (int)g.NextInt64(k + 1); (pairs[k], pairs[r]) = (pairs[r], pairs[k]); }
        _rules = [.. pairs.Take(tasks)];
    }

    /// <summary>The input width.</summary>
    public int Inputs { get; }
    /// <summary>The number of classes.</summary>
    public int Classes { get; }
    /// <summary>The number of tasks.</summary>
    public int Tasks { get; }

    /// <summary><paramref name="perTask"/> samples of every task: inputs (row-major), task ids, labels; shuffled.</summary>
    public (float[] X, int[] Tasks, float[] Labels) Sample(int perTask, int seed)
    {
        var g = new Generator(seed);
        int n = perTask * Tasks;
        var x = new float[n * Inputs];
        var tasks = new int[n];
        var labels = new float[n];
        var order = Enumerable.Range(0, n).ToArray();
        for (int k = n - 1; k > 0; k--) { int r = (int)g.NextInt64(k + 1); (order[k], order[r]) = (order[r], order[k]); }
        for (int s = 0; s < n; s++)
        {
            int i = order[s];
            var row = x.AsSpan(i * Inputs, Inputs);
            g.FillNormal(row, 0, 1);
            tasks[i] = s % Tasks;
            labels[i] = Label(row, tasks[i]);
        }
        return (x, tasks, labels);
    }

    private int Label(ReadOnlySpan<float> x, int task)
    {
        var (first, second) = _rules[task];
        var h = Apply(_primitives[second], Apply(_primitives[first], x));
        int best = 0;
        double bestScore = double.NegativeInfinity;
        for (int c = 0; c < Classes; c++)
        {
            double score = 0;
            for (int j = 0; j < Inputs; j++) score += _readout[c * Inputs + j] * h[j];
            if (score > bestScore) (best, bestScore) = (c, score);
        }
        return best;
    }

    private float[] Apply(float[] matrix, ReadOnlySpan<float> x)
    {
        var y = new float[Inputs];
        for (int i = 0; i < Inputs; i++)
        {
            double sum = 0;
            for (int j = 0; j < Inputs; j++) sum += matrix[i * Inputs + j] * x[j];
            y[i] = (float)Math.Tanh(sum);
        }
        return y;
    }
}
