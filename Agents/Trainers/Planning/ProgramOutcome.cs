namespace RlFramework.Agents.Trainers.Planning;

/// <summary>How a trained agent's greedy program ends on the true map.</summary>
public enum ProgramOutcome
{
    /// <summary>Its return is the map's optimal return.</summary>
    Optimal,
    /// <summary>It ends on the goal with less than the optimal return.</summary>
    SuboptimalGoal,
    /// <summary>It never moves forward (only turns and waits): the local optimum that avoids every negative reward.</summary>
    TurningOnly,
    /// <summary>It ends in a pit.</summary>
    Pit,
    /// <summary>It moves but ends neither on the goal nor in a pit.</summary>
    Other,
}
