namespace RlFramework.Envs.RoboRally;

/// <summary>The four programming cards, by their action index in <see cref="RoboRallyEnv"/>.</summary>
public enum RoboRallyAction
{
    /// <summary>One cell forward; into a wall or off the board it leaves the state unchanged.</summary>
    MoveForward = 0,
    /// <summary>A quarter turn counter-clockwise.</summary>
    TurnLeft = 1,
    /// <summary>A quarter turn clockwise.</summary>
    TurnRight = 2,
    /// <summary>Stay put; costs the wait penalty (−1).</summary>
    Wait = 3,
}
