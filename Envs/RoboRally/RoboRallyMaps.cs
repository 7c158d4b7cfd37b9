using System.Reflection;

namespace RlFramework.Envs.RoboRally;

/// <summary>
/// The maps bundled with the framework (embedded in the assembly, so they load from any working directory), and
/// loading a map by name or path. Each bundled map is also registered as <c>RoboRally-&lt;Name&gt;-v0</c>.
/// </summary>
public static class RoboRallyMaps
{
    /// <summary>The default map, used by <c>RoboRally-v0</c>.</summary>
    public const string DefaultName = "paper";

    private const string ResourcePrefix = "RlFramework.Envs.RoboRally.Maps.";

    /// <summary>The bundled maps' names, sorted.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        .. typeof(RoboRallyMaps).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".txt", StringComparison.Ordinal))
            .Select(n => n[ResourcePrefix.Length..^4])
            .Order(StringComparer.Ordinal),
    ];

    /// <summary>The bundled map <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">There is no bundled map of that name; the message lists them.</exception>
    public static RoboRallyMap Load(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Text(name) is { } text
            ? RoboRallyMap.Parse(text, name)
            : throw new ArgumentException($"There is no bundled RoboRally map '{name}'; the bundled maps are: {string.Join(", ", Names)}.", nameof(name));
    }

    /// <summary>The bundled map's file text, or null when there is no such map.</summary>
    public static string? Text(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        using var stream = typeof(RoboRallyMaps).Assembly.GetManifestResourceStream(ResourcePrefix + name + ".txt");
        if (stream is null) return null;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>A bundled map when <paramref name="nameOrPath"/> is one's name, else the map file at that path.</summary>
    /// <exception cref="ArgumentException">Neither a bundled map nor an existing file.</exception>
    /// <exception cref="RoboRallyMapFormatException">The file is malformed.</exception>
    public static RoboRallyMap Resolve(string nameOrPath)
    {
        ArgumentNullException.ThrowIfNull(nameOrPath);
        if (Names.Contains(nameOrPath)) return Load(nameOrPath);
        if (File.Exists(nameOrPath)) return RoboRallyMap.LoadFile(nameOrPath);
        throw new ArgumentException($"'{nameOrPath}' is neither a bundled RoboRally map ({string.Join(", ", Names)}) nor an existing map file.", nameof(nameOrPath));
    }
}
