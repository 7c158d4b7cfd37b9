using RlFramework.Envs.Seeding;
using RlFramework.Models.Modules;

namespace RlFramework.Agents.Ppo;

/// <summary>
/// The action distribution on top of PPO's actor network: it samples, picks the greedy action, and gives the
/// log-probability and entropy of an action with their gradients with respect to the actor's output row (and its
/// own parameters). Actions are stored as floats (a Discrete action as its index).
/// </summary>
internal abstract class PpoHead
{
    /// <summary>The width of the actor's output row.</summary>
    public abstract int OutputSize { get; }

    /// <summary>Floats per stored action.</summary>
    public abstract int ActionSize { get; }

    /// <summary>Trainable parameters of the head itself (the Gaussian's log-std).</summary>
    public virtual IReadOnlyList<(string Name, Parameter Parameter)> Parameters => [];

    /// <summary>Draws an action for <paramref name="output"/> into <paramref name="action"/> and returns its log-probability.</summary>
    public abstract float Sample(ReadOnlySpan<float> output, Span<float> action, RandomGenerator random);

    /// <summary>The most likely action (arg-max, or the Gaussian's mean).</summary>
    public abstract void Greedy(ReadOnlySpan<float> output, Span<float> action);

    /// <summary>The log-probability of <paramref name="action"/> and the distribution's entropy.</summary>
    public abstract (float LogProb, float Entropy) Evaluate(ReadOnlySpan<float> output, ReadOnlySpan<float> action);

    /// <summary>
    /// Adds to <paramref name="outputGradient"/> the gradient of <c>gLogProb · log p(action) + gEntropy · H</c> with
    /// respect to the output row, and accumulates the head's own parameter gradients (see <see cref="TakeGradients"/>).
    /// </summary>
    public abstract void Backward(ReadOnlySpan<float> output, ReadOnlySpan<float> action, float gLogProb, float gEntropy, Span<float> outputGradient);

    /// <summary>Moves the gradients accumulated by <see cref="Backward"/> into the head's parameters' <c>grad</c> and clears them.</summary>
    public virtual void TakeGradients() { }
}
