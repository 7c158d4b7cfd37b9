namespace RlFramework.Runner.Tests.Reports;

/// <summary>
/// A fact reported as skipped when this machine cannot hide its fonts from a child process: that needs <c>unshare</c> and
/// the right to mount a tmpfs over /usr/share/fonts in a private mount namespace (root, as in CI).
/// </summary>
public sealed class NoSystemFontsFactAttribute : FactAttribute
{
    /// <summary>Sets Skip when the fonts cannot be hidden.</summary>
    public NoSystemFontsFactAttribute()
    {
        if (ExternalTool.Find("unshare") is null || !Directory.Exists(FontsFolder))
        {
            Skip = $"SKIPPED: unshare or {FontsFolder} missing — text without system fonts was not checked in a child process.";
            return;
        }
        var (exit, output) = ExternalTool.Run("unshare", ["-m", "sh", "-c", HideFonts + " && ls -A " + FontsFolder + " | wc -l"], TimeSpan.FromSeconds(20));
        if (exit != 0 || output.Trim() != "0")
            Skip = $"SKIPPED: cannot hide {FontsFolder} in a private mount namespace here ({output.Trim()}).";
    }

    /// <summary>Where Skia's font manager (and fontconfig) look for fonts on Debian.</summary>
    public const string FontsFolder = "/usr/share/fonts";

    /// <summary>The shell command that mounts an empty tmpfs over <see cref="FontsFolder"/>.</summary>
    public const string HideFonts = "mount -t tmpfs tmpfs " + FontsFolder;
}
