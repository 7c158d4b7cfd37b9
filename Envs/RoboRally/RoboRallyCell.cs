namespace RlFramework.Envs.RoboRally;

/// <summary>A board cell; the comment of each kind gives its character in map files.</summary>
public enum RoboRallyCell
{
    /// <summary><c>.</c> Nothing happens.</summary>
    Empty,
    /// <summary><c>G</c> Terminal: +10 on entering and on every remaining step.</summary>
    Goal,
    /// <summary><c>#</c> An obstacle: moves and belts into it leave the robot where it is.</summary>
    Wall,
    /// <summary><c>O</c> A bottomless pit. Terminal: −10 on entering and on every remaining step.</summary>
    Pit,
    /// <summary><c>L</c> A laser beam: −1 for ending a step on it.</summary>
    Laser,
    /// <summary><c>^</c> A conveyor belt moving the robot one cell north after its own move.</summary>
    BeltNorth,
    /// <summary><c>&gt;</c> A conveyor belt moving the robot one cell east.</summary>
    BeltEast,
    /// <summary><c>v</c> A conveyor belt moving the robot one cell south.</summary>
    BeltSouth,
    /// <summary><c>&lt;</c> A conveyor belt moving the robot one cell west.</summary>
    BeltWest,
}
