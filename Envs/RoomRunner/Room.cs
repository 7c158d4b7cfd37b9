namespace RlFramework.Envs.RoomRunner;

/// <summary>A rectangular room of a Room Runner building, in grid cells (x right, y up).</summary>
internal sealed class Room(int x, int y, int height, int width)
{
    public int X { get; } = x;

    public int Y { get; } = y;

    public int Height { get; } = height;

    public int Width { get; } = width;

    /// <summary>Rooms placed next to this one while expanding from it.</summary>
    public List<Room> Children { get; } = [];

    /// <summary>The child reached through this room's door (null in a dead end).</summary>
    public Room? ConnectedChild { get; set; }

    /// <summary>The door: a cell of this room and the direction (dx, dy) through the wall into the connected child.</summary>
    public (int X, int Y, int Dx, int Dy)? Door { get; set; }

    /// <summary>The room's centre in world units.</summary>
    public Physics.Vec2 Centre => new(X + Width / 2.0, Y + Height / 2.0);

    /// <summary>The last room of the chain of connected children starting here.</summary>
    public Room ChainEnd()
    {
        var room = this;
        while (room.ConnectedChild is not null) room = room.ConnectedChild;
        return room;
    }
}
