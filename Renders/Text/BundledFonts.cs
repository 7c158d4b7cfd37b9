using SkiaSharp;

namespace RlFramework.Renders.Text;

/// <summary>
/// The fonts shipped inside this assembly (DejaVu Sans regular and bold, licence in Fonts/LICENSE.txt), so text never
/// depends on the fonts a machine has installed: without system fonts Skia would silently draw no text.
/// </summary>
public static class BundledFonts
{
    /// <summary>The family name of the bundled fonts.</summary>
    public const string FamilyName = "DejaVu Sans";

    private static readonly Lazy<byte[]> RegularBytes = new(() => Read("DejaVuSans.ttf"));
    private static readonly Lazy<byte[]> BoldBytes = new(() => Read("DejaVuSans-Bold.ttf"));
    private static readonly Lazy<SKTypeface> RegularFace = new(() => CreateTypeface(bold: false));
    private static readonly Lazy<SKTypeface> BoldFace = new(() => CreateTypeface(bold: true));

    /// <summary>The TrueType file of the regular (<paramref name="bold"/> false) or bold face.</summary>
    public static ReadOnlySpan<byte> FontFile(bool bold) => bold ? BoldBytes.Value : RegularBytes.Value;

    /// <summary>The shared typeface of the regular or bold face (do not dispose it).</summary>
    public static SKTypeface Typeface(bool bold) => bold ? BoldFace.Value : RegularFace.Value;

    /// <summary>A new typeface of the regular or bold face, owned by the caller.</summary>
    public static SKTypeface CreateTypeface(bool bold)
    {
        using var data = SKData.CreateCopy(FontFile(bold));
        return SKTypeface.FromData(data)
            ?? throw new InvalidOperationException($"Skia could not read the bundled font {(bold ? "DejaVuSans-Bold.ttf" : "DejaVuSans.ttf")}.");
    }

    private static byte[] Read(string file)
    {
        string name = $"RlFramework.Renders.Fonts.{file}";
        using var stream = typeof(BundledFonts).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The embedded font resource '{name}' is missing from {typeof(BundledFonts).Assembly.GetName().Name}.");
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }
}
