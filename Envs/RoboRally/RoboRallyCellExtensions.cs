namespace RlFramework.Envs.RoboRally;

/// <summary>The properties of a <see cref="RoboRallyCell"/> and its map-file character.</summary>
public static class RoboRallyCellExtensions
{
    /// <summary>The map-file characters of the cell kinds, in <see cref="RoboRallyCell"/> order.</summary>
    public const string Legend = ".G#OL^>v<";

    /// <summary>The cell's map-file character.</summary>
    public static char ToChar(this RoboRallyCell cell) => Legend[(int)cell];

    /// <summary>The cell kind of a map-file character, or null when the character is not in <see cref="Legend"/>.</summary>
    public static RoboRallyCell? FromChar(char c)
    {
        int index = Legend.IndexOf(c, StringComparison.Ordinal);
        return index < 0 ? null : (RoboRallyCell)index;
    }

    /// <summary>True for the goal and the pit: the robot stays there for the rest of the turn.</summary>
    public static bool IsTerminal(this RoboRallyCell cell) => cell is RoboRallyCell.Goal or RoboRallyCell.Pit;

    /// <summary>The belt's direction, or null when the cell is not a conveyor belt.</summary>
    public static Heading? BeltDirection(this RoboRallyCell cell) =>
        cell >= RoboRallyCell.BeltNorth ? (Heading)(cell - RoboRallyCell.BeltNorth) : null;

    /// <summary>The belt cell moving in <paramref name="direction"/>.</summary>
    public static RoboRallyCell Belt(Heading direction) => RoboRallyCell.BeltNorth + (int)direction;

    /// <summary>The reward for ending a step on the cell (goal +10, pit −10, laser −1, else 0); the wait penalty is separate.</summary>
    public static double Reward(this RoboRallyCell cell) => cell switch
    {
        RoboRallyCell.Goal => RoboRallyRewards.Goal,
        RoboRallyCell.Pit => RoboRallyRewards.Pit,
        RoboRallyCell.Laser => RoboRallyRewards.Laser,
        _ => 0,
    };
}
