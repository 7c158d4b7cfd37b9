namespace RlFramework.Envs.RoboRally;

/// <summary>Turning and stepping with a <see cref="Heading"/>.</summary>
public static class HeadingExtensions
{
    /// <summary>The heading after a quarter turn to the left (counter-clockwise).</summary>
    public static Heading TurnLeft(this Heading heading) => (Heading)(((int)heading + 3) % 4);

    /// <summary>The heading after a quarter turn to the right (clockwise).</summary>
    public static Heading TurnRight(this Heading heading) => (Heading)(((int)heading + 1) % 4);

    /// <summary>The (dx, dy) of one step in this direction; y grows downward (south).</summary>
    public static (int Dx, int Dy) Offset(this Heading heading) => heading switch
    {
        Heading.North => (0, -1),
        Heading.East => (1, 0),
        Heading.South => (0, 1),
        Heading.West => (-1, 0),
        _ => throw new ArgumentOutOfRangeException(nameof(heading), heading, "Expected North, East, South or West."),
    };

    /// <summary>Parses north/east/south/west or N/E/S/W, case-insensitively; null when it is none of them.</summary>
    public static Heading? FromName(string text) => text.ToLowerInvariant() switch
    {
        "north" or "n" => Heading.North,
        "east" or "e" => Heading.East,
        "south" or "s" => Heading.South,
        "west" or "w" => Heading.West,
        _ => null,
    };
}
