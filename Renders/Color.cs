using System.Globalization;

namespace RlFramework.Renders;

/// <summary>An sRGB colour with 8-bit channels and an optional alpha (255 = opaque).</summary>
/// <param name="R">Red, 0–255.</param>
/// <param name="G">Green, 0–255.</param>
/// <param name="B">Blue, 0–255.</param>
/// <param name="A">Alpha, 0 (transparent) to 255 (opaque).</param>
public readonly record struct Color(byte R, byte G, byte B, byte A = 255)
{
    /// <summary>Opaque black (0, 0, 0).</summary>
    public static Color Black => new(0, 0, 0);

    /// <summary>Opaque white (255, 255, 255).</summary>
    public static Color White => new(255, 255, 255);

    /// <summary>Fully transparent black.</summary>
    public static Color Transparent => new(0, 0, 0, 0);

    /// <summary>Parses "#RRGGBB" or "#RRGGBBAA" (the '#' is optional).</summary>
    public static Color FromHex(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        var s = hex.StartsWith('#') ? hex[1..] : hex;
        if ((s.Length != 6 && s.Length != 8) || !uint.TryParse(s, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var v))
        {
            throw new FormatException($"Colour '{hex}' is not of the form #RRGGBB or #RRGGBBAA.");
        }

        return s.Length == 6
            ? new Color((byte)(v >> 16), (byte)(v >> 8), (byte)v)
            : new Color((byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v);
    }

    /// <summary>This colour with a different alpha.</summary>
    public Color WithAlpha(byte alpha) => this with { A = alpha };

    /// <summary>"#RRGGBB", or "#RRGGBBAA" when not opaque.</summary>
    public string ToHex() => A == 255
        ? string.Create(CultureInfo.InvariantCulture, $"#{R:X2}{G:X2}{B:X2}")
        : string.Create(CultureInfo.InvariantCulture, $"#{R:X2}{G:X2}{B:X2}{A:X2}");
}
