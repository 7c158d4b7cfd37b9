namespace RlFramework.Models;

/// <summary>How a loss reduces its per-element values.</summary>
public enum Reduction
{
    /// <summary>No reduction: per-element losses.</summary>
    None,

    /// <summary>Mean of the per-element losses.</summary>
    Mean,

    /// <summary>Sum of the per-element losses.</summary>
    Sum,
}
