namespace RlFramework.Runner.Logging;

/// <summary>The tag names the training loop logs under (CleanRL's names where CleanRL has one, so dashboards line up).</summary>
public static class MetricTags
{
    /// <summary>Undiscounted return of a finished episode.</summary>
    public const string EpisodicReturn = "charts/episodic_return";

    /// <summary>Length in steps of a finished episode.</summary>
    public const string EpisodicLength = "charts/episodic_length";

    /// <summary>Exploration rate of an epsilon-greedy agent.</summary>
    public const string Epsilon = "charts/epsilon";

    /// <summary>Environment steps per second.</summary>
    public const string StepsPerSecond = "charts/SPS";

    /// <summary>Temporal-difference loss of a value-based learner update.</summary>
    public const string TdLoss = "losses/td_loss";

    /// <summary>Mean Q-value of the actions taken in a learner batch.</summary>
    public const string QValues = "losses/q_values";

    /// <summary>The run's hyperparameters as a Markdown table (a text summary, as CleanRL's <c>add_text("hyperparameters", ...)</c>).</summary>
    public const string Hyperparameters = "hyperparameters";

    /// <summary>Mean return of a greedy evaluation.</summary>
    public const string EvalReturn = "eval/episodic_return";
}
