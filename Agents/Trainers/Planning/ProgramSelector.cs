using RlFramework.Envs.Seeding;

namespace RlFramework.Agents.Trainers.Planning;

/// <summary>
/// The action selector ("programming module"): a softmax layer whose inputs are the one-hot time steps, i.e. one
/// independent action distribution π_t = softmax(θ_t) per card of the program. Logits start at 0 (uniform).
/// </summary>
public sealed class ProgramSelector
{
    private readonly double[] _logits, _probabilities;

    /// <summary>Creates a uniform selector for programs of <paramref name="steps"/> cards over <paramref name="actionCount"/> actions.</summary>
    public ProgramSelector(int steps, int actionCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(actionCount, 1);
        (Steps, ActionCount) = (steps, actionCount);
        _logits = new double[steps * actionCount];
        _probabilities = new double[_logits.Length];
        Refresh();
    }

    /// <summary>The number of cards.</summary>
    public int Steps { get; }

    /// <summary>The number of actions.</summary>
    public int ActionCount { get; }

    /// <summary>The logits θ, step-major (θ[t·actions + a]), writable; call <see cref="Refresh"/> after writing.</summary>
    public Span<double> Logits => _logits;

    /// <summary>The action distribution of card <paramref name="step"/>.</summary>
    public ReadOnlySpan<double> Probabilities(int step)
    {
        if ((uint)step >= (uint)Steps) throw new ArgumentOutOfRangeException(nameof(step), step, $"Expected a card index in [0, {Steps}).");
        return _probabilities.AsSpan(step * ActionCount, ActionCount);
    }

    /// <summary>Gradient ascent: θ += rate · gradient (gradient laid out as <see cref="Logits"/>).</summary>
    public void Ascend(ReadOnlySpan<double> gradient, double rate)
    {
        if (gradient.Length != _logits.Length) throw new ArgumentException($"Expected a gradient of {_logits.Length} entries, got {gradient.Length}.", nameof(gradient));
        for (int i = 0; i < _logits.Length; i++) _logits[i] += rate * gradient[i];
        Refresh();
    }

    /// <summary>The most probable action of every card (ties to the lower index).</summary>
    public int[] Greedy()
    {
        var program = new int[Steps];
        for (int t = 0; t < Steps; t++)
        {
            var p = Probabilities(t);
            for (int a = 1; a < ActionCount; a++)
                if (p[a] > p[program[t]]) program[t] = a;
        }
        return program;
    }

    /// <summary>Draws a program, each card from its distribution.</summary>
    public void Sample(RandomGenerator random, Span<int> program)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (program.Length != Steps) throw new ArgumentException($"Expected room for {Steps} cards, got {program.Length}.", nameof(program));
        for (int t = 0; t < Steps; t++) program[t] = random.Choice(Probabilities(t));
    }

    /// <summary>Recomputes the probabilities from the logits.</summary>
    public void Refresh()
    {
        for (int t = 0; t < Steps; t++)
            Softmax.Apply(_logits.AsSpan(t * ActionCount, ActionCount), _probabilities.AsSpan(t * ActionCount, ActionCount));
    }
}
