namespace RlFramework.Runner.Tests.Reports;

/// <summary>A fact reported as skipped (with the reason) when Debian's chromium is not on PATH.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    /// <summary>Sets Skip when chromium is missing.</summary>
    public ChromiumFactAttribute()
    {
        if (ExternalTool.Find("chromium") is null)
            Skip = "SKIPPED: chromium not on PATH (apt-get install chromium; .ci/run installs it) — the report was not checked in a browser.";
    }
}
