namespace RlFramework.Envs.RoboRally;

/// <summary>A robot's orientation or a conveyor belt's direction; north is up on the map (toward row 0).</summary>
public enum Heading
{
    /// <summary>Up: toward row 0.</summary>
    North = 0,
    /// <summary>Right: toward larger x.</summary>
    East = 1,
    /// <summary>Down: toward larger y.</summary>
    South = 2,
    /// <summary>Left: toward x = 0.</summary>
    West = 3,
}
