namespace RlFramework.Agents.Dqn;

/// <summary>The TD loss of <see cref="DqnAgent"/>.</summary>
public enum DqnLoss
{
    /// <summary>Mean squared error (CleanRL's default).</summary>
    Mse,
    /// <summary>Huber (smooth L1, delta 1), less sensitive to large TD errors.</summary>
    Huber,
}
