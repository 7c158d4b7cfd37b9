using System.Globalization;
using System.Text;

namespace RlFramework.Envs.RoboRally;

/// <summary>
/// A RoboRally board: cells, the robot's start and heading. Text form (see <see cref="Parse"/>):
/// <code>
/// ; comment lines start with a semicolon
/// start 0 3 north
/// #..#
/// O^..
/// L^#.
/// ...G
/// </code>
/// One character per cell (<see cref="RoboRallyCellExtensions.Legend"/>: <c>.</c> empty, <c>G</c> goal, <c>#</c> wall,
/// <c>O</c> pit, <c>L</c> laser, <c>^ &gt; v &lt;</c> conveyor belts), row 0 at the top (north), x counted from the left.
/// </summary>
public sealed class RoboRallyMap
{
    private readonly RoboRallyCell[] _cells;

    /// <summary>Creates a map from row-major cells and checks it.</summary>
    /// <exception cref="ArgumentException">The sizes do not match, the start is off the board or on a wall/goal/pit, or there is no goal.</exception>
    public RoboRallyMap(string name, int width, int height, IReadOnlyList<RoboRallyCell> cells, RoboRallyState start)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(cells);
        if (width < 1 || height < 1) throw new ArgumentException($"Map '{name}' is {width}×{height}; both sides must be at least 1.", nameof(width));
        if (cells.Count != width * height) throw new ArgumentException($"Map '{name}' is {width}×{height} but has {cells.Count} cells.", nameof(cells));
        if (StartProblem(width, height, cells, start) is { } problem) throw new ArgumentException($"Map '{name}': {problem}", nameof(start));
        if (!cells.Contains(RoboRallyCell.Goal)) throw new ArgumentException($"Map '{name}' has no goal cell (G).", nameof(cells));
        (Name, Width, Height, _cells, Start) = (name, width, height, [.. cells], start);
    }

    /// <summary>The map's name (a bundled map's name or the file name without extension).</summary>
    public string Name { get; }

    /// <summary>Columns.</summary>
    public int Width { get; }

    /// <summary>Rows.</summary>
    public int Height { get; }

    /// <summary>The robot's start position and heading.</summary>
    public RoboRallyState Start { get; }

    /// <summary>Positions × 4 headings: the length of the one-hot observation.</summary>
    public int StateCount => Width * Height * 4;

    /// <summary>The cell at column <paramref name="x"/>, row <paramref name="y"/>.</summary>
    public RoboRallyCell this[int x, int y] => InBounds(x, y)
        ? _cells[y * Width + x]
        : throw new ArgumentOutOfRangeException(nameof(x), $"({x}, {y}) is off the {Width}×{Height} board.");

    /// <summary>True when (x, y) is on the board.</summary>
    public bool InBounds(int x, int y) => x >= 0 && y >= 0 && x < Width && y < Height;

    /// <summary>Parses the text form; <paramref name="source"/> names the map in messages and becomes its <see cref="Name"/>.</summary>
    /// <exception cref="RoboRallyMapFormatException">The text is malformed; the message gives the line and column.</exception>
    public static RoboRallyMap Parse(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(source);
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        RoboRallyState? start = null;
        int startLine = 0;
        var rows = new List<(int Line, string Text)>();
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].TrimEnd();
            if (line.Length == 0 || line.StartsWith(';')) continue;
            if (start is null)
            {
                start = ParseStart(line, source, i + 1);
                startLine = i + 1;
                continue;
            }
            rows.Add((i + 1, line));
        }
        if (start is null) throw new RoboRallyMapFormatException(source, 1, 1, "the map is empty; expected a 'start <x> <y> <heading>' line and the grid rows.");
        if (rows.Count == 0) throw new RoboRallyMapFormatException(source, startLine + 1, 1, "the map has no grid rows after the start line.");
        int width = rows[0].Text.Length;
        var cells = new List<RoboRallyCell>(width * rows.Count);
        foreach (var (line, row) in rows)
        {
            for (int x = 0; x < row.Length; x++)
            {
                if (x >= width) throw new RoboRallyMapFormatException(source, line, x + 1, $"the row is {row.Length} cells long; the first row has {width}.");
                cells.Add(RoboRallyCellExtensions.FromChar(row[x])
                    ?? throw new RoboRallyMapFormatException(source, line, x + 1, $"unknown cell character '{row[x]}'; expected one of {string.Join(' ', RoboRallyCellExtensions.Legend.ToCharArray())}."));
            }
            if (row.Length < width) throw new RoboRallyMapFormatException(source, line, row.Length + 1, $"the row is {row.Length} cells long; the first row has {width}.");
        }
        if (StartProblem(width, rows.Count, cells, start.Value) is { } problem) throw new RoboRallyMapFormatException(source, startLine, 7, problem);
        if (!cells.Contains(RoboRallyCell.Goal)) throw new RoboRallyMapFormatException(source, rows[0].Line, 1, "the map has no goal cell (G).");
        return new RoboRallyMap(Path.GetFileNameWithoutExtension(source), width, rows.Count, cells, start.Value);
    }

    /// <summary>Reads and parses a map file.</summary>
    /// <exception cref="RoboRallyMapFormatException">The file is malformed.</exception>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    public static RoboRallyMap LoadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"RoboRally map file '{path}' does not exist.", path);
        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>The text form, which <see cref="Parse"/> reads back to an equal map.</summary>
    public string ToText()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"start {Start.X} {Start.Y} {Start.Heading.ToString().ToLowerInvariant()}\n");
        for (int y = 0; y < Height; y++)
        {
            for (int x = 0; x < Width; x++) text.Append(this[x, y].ToChar());
            text.Append('\n');
        }
        return text.ToString();
    }

    /// <summary>The name and the text form.</summary>
    public override string ToString() => $"{Name}:\n{ToText()}";

    private static string? StartProblem(int width, int height, IReadOnlyList<RoboRallyCell> cells, RoboRallyState start)
    {
        if (start.X < 0 || start.Y < 0 || start.X >= width || start.Y >= height) return $"the start ({start.X}, {start.Y}) is off the {width}×{height} board.";
        if (!Enum.IsDefined(start.Heading)) return $"the start heading {(int)start.Heading} is not one of north, east, south, west.";
        var cell = cells[start.Y * width + start.X];
        return cell is RoboRallyCell.Wall or RoboRallyCell.Goal or RoboRallyCell.Pit
            ? $"the start ({start.X}, {start.Y}) is on a {cell.ToString().ToLowerInvariant()} cell; the robot must start on an empty, laser or belt cell."
            : null;
    }

    private static RoboRallyState ParseStart(string line, string source, int lineNumber)
    {
        var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 4 || parts[0] != "start")
            throw new RoboRallyMapFormatException(source, lineNumber, 1, $"expected 'start <x> <y> <heading>' before the grid, found '{line}'.");
        int column = line.IndexOf(parts[1], 5, StringComparison.Ordinal) + 1;
        if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int x))
            throw new RoboRallyMapFormatException(source, lineNumber, column, $"start x '{parts[1]}' is not a non-negative integer.");
        column = line.IndexOf(parts[2], column + parts[1].Length - 1, StringComparison.Ordinal) + 1;
        if (!int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out int y))
            throw new RoboRallyMapFormatException(source, lineNumber, column, $"start y '{parts[2]}' is not a non-negative integer.");
        column = line.IndexOf(parts[3], column + parts[2].Length - 1, StringComparison.Ordinal) + 1;
        var heading = HeadingExtensions.FromName(parts[3])
            ?? throw new RoboRallyMapFormatException(source, lineNumber, column, $"start heading '{parts[3]}' is not one of north, east, south, west (or N, E, S, W).");
        return new RoboRallyState(x, y, heading);
    }
}
