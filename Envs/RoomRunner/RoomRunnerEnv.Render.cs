using RlFramework.Renders;

namespace RlFramework.Envs.RoomRunner;

/// <summary>Room Runner's picture: the building drawn at 16 px per cell (256 × 256) and averaged down by 4 × 4 blocks.</summary>
public sealed partial class RoomRunnerEnv
{
    /// <summary>Pixels per grid cell in the full-size drawing.</summary>
    public const int PixelsPerUnit = 16;

    /// <summary>Width of a block averaged into one observation pixel.</summary>
    public const int Downscale = 4;

    private const int FullSize = RoomRunnerBuilding.Size * PixelsPerUnit;
    private const double AgentHalfSize = 0.36, DoorOverhang = 0.4;
    private static readonly Color Background = Rgb(0.15, 0.15, 0.15), RoomColor = Rgb(1, 1, 1), WallColor = Rgb(0, 0, 0);
    private static readonly Color DoorColor = Rgb(0.9, 0.95, 1.0), AgentColor = Rgb(0, 0.8, 0);
    private static readonly Color Blue = Rgb(0.5, 0.5, 1.0), Red = Rgb(1.0, 0.5, 0.5);

    private Canvas? _canvas;
    private Frame? _full;

    /// <inheritdoc/>
    protected override void DrawFrame(int index, byte[] rgb)
    {
        var building = _building ?? throw new InvalidOperationException($"{Name}: call Reset first.");
        var canvas = _canvas ??= new Canvas(FullSize, FullSize);
        var full = _full ??= new Frame(FullSize, FullSize);
        canvas.Clear(Background);
        foreach (var room in building.Rooms) FillCells(canvas, room.X, room.Y, room.Width, room.Height, RoomColor);
        bool finalBlue = building.Label == 1;
        FillCells(canvas, building.FinalRoom.X, building.FinalRoom.Y, building.FinalRoom.Width, building.FinalRoom.Height, finalBlue ? Blue : Red);
        FillCells(canvas, building.FakeRoom.X, building.FakeRoom.Y, building.FakeRoom.Width, building.FakeRoom.Height, finalBlue ? Red : Blue);
        const double half = RoomRunnerBuilding.WallThickness / 2;
        foreach (var room in building.Rooms)
        {
            FillWorld(canvas, room.X - half, room.Y - half, room.X + half, room.Y + room.Height + half, WallColor);
            FillWorld(canvas, room.X + room.Width - half, room.Y - half, room.X + room.Width + half, room.Y + room.Height + half, WallColor);
            FillWorld(canvas, room.X - half, room.Y - half, room.X + room.Width + half, room.Y + half, WallColor);
            FillWorld(canvas, room.X - half, room.Y + room.Height - half, room.X + room.Width + half, room.Y + room.Height + half, WallColor);
        }
        foreach (var room in building.Rooms)
        {
            if (room.Door is not { } d) continue;
            FillWorld(canvas, d.X + 0.25 + DoorOverhang * Math.Min(0, d.Dx), d.Y + 0.25 + DoorOverhang * Math.Min(0, d.Dy),
                d.X + 0.75 + DoorOverhang * Math.Max(0, d.Dx), d.Y + 0.75 + DoorOverhang * Math.Max(0, d.Dy), DoorColor);
        }
        var agent = Positions[index];
        FillWorld(canvas, agent.X - AgentHalfSize, agent.Y - AgentHalfSize, agent.X + AgentHalfSize, agent.Y + AgentHalfSize, AgentColor);
        canvas.CopyTo(full);
        AverageBlocks(full.Data, FullSize, Downscale, rgb);
    }

    /// <summary>Averages <paramref name="block"/> × <paramref name="block"/> pixel blocks of a square RGB image (truncating, as a uint8 cast).</summary>
    internal static void AverageBlocks(ReadOnlySpan<byte> source, int size, int block, Span<byte> destination)
    {
        int outSize = size / block, area = block * block;
        for (int oy = 0; oy < outSize; oy++)
        {
            for (int ox = 0; ox < outSize; ox++)
            {
                int r = 0, g = 0, b = 0;
                for (int dy = 0; dy < block; dy++)
                {
                    int row = ((oy * block + dy) * size + ox * block) * 3;
                    for (int dx = 0; dx < block * 3; dx += 3)
                    {
                        r += source[row + dx];
                        g += source[row + dx + 1];
                        b += source[row + dx + 2];
                    }
                }
                int o = (oy * outSize + ox) * 3;
                destination[o] = (byte)(r / area);
                destination[o + 1] = (byte)(g / area);
                destination[o + 2] = (byte)(b / area);
            }
        }
    }

    private static void FillCells(Canvas canvas, int x, int y, int width, int height, Color color) =>
        FillWorld(canvas, x, y, x + width, y + height, color);

    /// <summary>Fills the world rectangle [x0, x1] × [y0, y1] (y up) on the full-size canvas.</summary>
    private static void FillWorld(Canvas canvas, double x0, double y0, double x1, double y1, Color color) =>
        canvas.FillRectangle(x0 * PixelsPerUnit, FullSize - y1 * PixelsPerUnit, (x1 - x0) * PixelsPerUnit, (y1 - y0) * PixelsPerUnit, color);

    /// <inheritdoc/>
    protected override void OnClose() => _canvas?.Dispose();
}
