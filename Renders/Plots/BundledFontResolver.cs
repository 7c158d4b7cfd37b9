using RlFramework.Renders.Text;
using ScottPlot;
using SkiaSharp;

namespace RlFramework.Renders.Plots;

/// <summary>Gives ScottPlot the bundled DejaVu Sans (regular and bold) for the family <see cref="BundledFonts.FamilyName"/>.</summary>
internal sealed class BundledFontResolver : IFontResolver
{
    /// <inheritdoc/>
    public SKTypeface? CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing spacing) =>
        fontName == BundledFonts.FamilyName ? BundledFonts.CreateTypeface(bold: weight >= FontWeight.SemiBold) : null;

    /// <inheritdoc/>
    public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) =>
        fontName == BundledFonts.FamilyName ? BundledFonts.CreateTypeface(bold) : null;
}
