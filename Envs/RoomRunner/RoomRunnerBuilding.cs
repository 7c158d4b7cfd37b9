using RlFramework.Envs.Physics;
using RlFramework.Envs.Seeding;

namespace RlFramework.Envs.RoomRunner;

/// <summary>
/// A procedurally generated Room Runner building on a 16 × 16 grid: rooms expand breadth-first from a 3 × 2 first
/// room, each parent opens a door into one random child; the end of the door chain is the final room, the end of the
/// chain from the first room's other child is the fake room. The label (a fair coin) says which of the two is blue.
/// </summary>
internal sealed class RoomRunnerBuilding
{
    public const int Size = 16;
    public const double WallThickness = 0.2;

    private readonly bool[,] _free = new bool[Size, Size];
    private readonly Room?[,] _map = new Room?[Size, Size];
    private readonly bool[,] _horizontalWalls = new bool[Size + 1, Size]; // [y, x]: wall along y from x to x + 1
    private readonly bool[,] _verticalWalls = new bool[Size, Size + 1];   // [y, x]: wall along x from y to y + 1

    private RoomRunnerBuilding() { }

    public List<Room> Rooms { get; } = [];

    public Room First => Rooms[0];

    public Room FinalRoom { get; private set; } = null!;

    public Room FakeRoom { get; private set; } = null!;

    /// <summary>1: the final room is blue and the fake room red; 0: the other way round.</summary>
    public int Label { get; private set; }

    /// <summary>The room holding cell (x, y), or null outside every room.</summary>
    public Room? RoomAt(int x, int y) => (uint)x < Size && (uint)y < Size ? _map[y, x] : null;

    /// <summary>Samples a building; null when the first room got fewer than two children (no fake room), to be resampled.</summary>
    public static RoomRunnerBuilding? Sample(RandomGenerator rng)
    {
        var building = new RoomRunnerBuilding();
        for (int y = 0; y < Size; y++)
            for (int x = 0; x < Size; x++) building._free[y, x] = true;
        int firstY = (int)rng.Integers(5, Size - 3 - 5), firstX = (int)rng.Integers(5, Size - 2 - 5);
        var first = building.AddRoom(firstX, firstY, 3, 2, parent: null);
        var queue = new Queue<Room>([first]);
        for (int j = 0; queue.Count > 0; j++)
        {
            var room = queue.Dequeue();
            var children = new List<Room>();
            for (int i = 0; i < (j % 8 == 0 ? 2 : 1); i++)
            {
                var (height, width) = rng.Uniform(0, 1) < 0.5 ? (3, 2) : (2, 3);
                var child = building.AddNeighbour(room, height, width, rng);
                if (child is null) continue;
                queue.Enqueue(child);
                children.Add(child);
            }
            if (children.Count == 0) continue;
            var connected = children[(int)rng.Integers(children.Count)];
            building.AddDoor(room, connected, rng);
            room.ConnectedChild = connected;
        }
        building.Label = (int)rng.Integers(2);
        var unconnected = first.Children.FirstOrDefault(c => c != first.ConnectedChild);
        if (unconnected is null) return null;
        building.FinalRoom = first.ChainEnd();
        building.FakeRoom = unconnected.ChainEnd();
        return building;
    }

    /// <summary>The static walls for the physics: runs of wall cells merged into boxes of the wall thickness.</summary>
    public IEnumerable<StaticShape> Walls(Material material)
    {
        const double half = WallThickness / 2;
        for (int y = 0; y <= Size; y++)
        {
            foreach (var (start, end) in Runs(Size, x => _horizontalWalls[y, x]))
                yield return StaticShape.Box(new Vec2((start + end) / 2.0, y), (end - start) / 2.0, half, 0, material);
        }
        for (int x = 0; x <= Size; x++)
        {
            foreach (var (start, end) in Runs(Size, y => _verticalWalls[y, x]))
                yield return StaticShape.Box(new Vec2(x, (start + end) / 2.0), half, (end - start) / 2.0, 0, material);
        }
    }

    private static IEnumerable<(int Start, int End)> Runs(int length, Func<int, bool> isWall)
    {
        int start = -1;
        for (int i = 0; i <= length; i++)
        {
            bool wall = i < length && isWall(i);
            if (wall && start < 0)
            {
                start = i;
            }
            else if (!wall && start >= 0)
            {
                yield return (start, i);
                start = -1;
            }
        }
    }

    private Room AddRoom(int x, int y, int height, int width, Room? parent)
    {
        var room = new Room(x, y, height, width);
        for (int i = 0; i < height; i++)
        {
            for (int k = 0; k < width; k++)
            {
                _free[y + i, x + k] = false;
                _map[y + i, x + k] = room;
            }
        }
        for (int k = 0; k < width; k++) _horizontalWalls[y, x + k] = _horizontalWalls[y + height, x + k] = true;
        for (int i = 0; i < height; i++) _verticalWalls[y + i, x] = _verticalWalls[y + i, x + width] = true;
        parent?.Children.Add(room);
        Rooms.Add(room);
        return room;
    }

    /// <summary>Places a room of the given size at a uniformly random free spot sharing a wall with <paramref name="parent"/>.</summary>
    private Room? AddNeighbour(Room parent, int height, int width, RandomGenerator rng)
    {
        var spots = new List<(int X, int Y)>();
        for (int x = parent.X - width + 1; x < parent.X + parent.Width; x++)
        {
            spots.Add((x, parent.Y + parent.Height));
            spots.Add((x, parent.Y - height));
        }
        foreach (int x in (int[])[parent.X - width, parent.X + parent.Width])
        {
            for (int y = parent.Y - height + 1; y < parent.Y + parent.Height; y++) spots.Add((x, y));
        }
        spots.RemoveAll(s => !IsFree(s.X, s.Y, height, width));
        if (spots.Count == 0) return null;
        var (sx, sy) = spots[(int)rng.Integers(spots.Count)];
        return AddRoom(sx, sy, height, width, parent);
    }

    private bool IsFree(int x, int y, int height, int width)
    {
        if (x < 0 || y < 0 || x + width > Size || y + height > Size) return false;
        for (int i = 0; i < height; i++)
        {
            for (int k = 0; k < width; k++)
                if (!_free[y + i, x + k]) return false;
        }

        return true;
    }

    /// <summary>Opens a door in a random cell of the wall <paramref name="from"/> shares with <paramref name="to"/>.</summary>
    private void AddDoor(Room from, Room to, RandomGenerator rng)
    {
        var cells = new List<(int X, int Y, int Dx, int Dy)>();
        if (to.X - from.X == from.Width || to.X - from.X == -to.Width)
        {
            int dx = to.X > from.X ? 1 : -1, x = dx == 1 ? from.X + from.Width - 1 : from.X;
            for (int y = Math.Max(from.Y, to.Y); y < Math.Min(from.Y + from.Height, to.Y + to.Height); y++) cells.Add((x, y, dx, 0));
        }
        else
        {
            int dy = to.Y > from.Y ? 1 : -1, y = dy == 1 ? from.Y + from.Height - 1 : from.Y;
            for (int x = Math.Max(from.X, to.X); x < Math.Min(from.X + from.Width, to.X + to.Width); x++) cells.Add((x, y, 0, dy));
        }
        var door = cells[(int)rng.Integers(cells.Count)];
        from.Door = door;
        if (door.Dx == 1) _verticalWalls[door.Y, door.X + 1] = false;
        else if (door.Dx == -1) _verticalWalls[door.Y, door.X] = false;
        else if (door.Dy == 1) _horizontalWalls[door.Y + 1, door.X] = false;
        else _horizontalWalls[door.Y, door.X] = false;
    }
}
