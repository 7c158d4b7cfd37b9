namespace RlFramework.Envs.RoboRally;

/// <summary>The paper's rewards.</summary>
public static class RoboRallyRewards
{
    /// <summary>Per step on the goal (entering it and every remaining step).</summary>
    public const double Goal = 10;
    /// <summary>Per step in the pit (falling in and every remaining step).</summary>
    public const double Pit = -10;
    /// <summary>For ending a step on a laser cell.</summary>
    public const double Laser = -1;
    /// <summary>For playing the wait card (an "intrinsic" cost that encourages exploration); not charged once terminal.</summary>
    public const double Wait = -1;
}
