namespace RlFramework.Envs.RoboRally;

/// <summary>The robot's position (x = column from the left, y = row from the top) and heading.</summary>
/// <param name="X">The column, 0 at the left edge.</param>
/// <param name="Y">The row, 0 at the top (north) edge.</param>
/// <param name="Heading">Where the robot faces.</param>
public readonly record struct RoboRallyState(int X, int Y, Heading Heading)
{
    /// <summary>The state's index in the one-hot observation of a board <paramref name="width"/> wide: (y·width + x)·4 + heading.</summary>
    public int Index(int width) => (Y * width + X) * 4 + (int)Heading;

    /// <summary>The state with one-hot index <paramref name="index"/> on a board <paramref name="width"/> wide.</summary>
    public static RoboRallyState FromIndex(int index, int width) => new(index / 4 % width, index / 4 / width, (Heading)(index % 4));

    /// <summary><c>(x, y, heading)</c>.</summary>
    public override string ToString() => $"({X}, {Y}, {Heading})";
}
