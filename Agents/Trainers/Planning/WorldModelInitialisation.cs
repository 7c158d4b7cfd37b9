namespace RlFramework.Agents.Trainers.Planning;

/// <summary>How the world model's parameters start.</summary>
public enum WorldModelInitialisation
{
    /// <summary>Every successor column uniform (zero logits; zero weights projected) and every reward 0.</summary>
    Uniform,
    /// <summary>
    /// Seeded random: each successor parameter drawn from U(0, 1) (the softmax form's logits; the projection form's
    /// weights, then projected onto the simplex) and each reward from N(0, 1).
    /// </summary>
    Random,
}
