using Spectre.Console;
using Spectre.Console.Rendering;

namespace RlFramework.Runner.Cli;

/// <summary>
/// Writes tables to the current <see cref="Console.Out"/>. The shared <see cref="AnsiConsole"/> keeps the writer it
/// saw first, so a later redirection (a pipe set up by a host, a test capturing output) would be ignored; each write
/// here binds a console to the writer in force. Redirected output (a file, a pipe, CI logs) gets plain text: no ANSI
/// colour or style codes.
/// </summary>
internal static class ConsoleTables
{
    /// <summary>Writes <paramref name="renderable"/>; when the output is redirected (no terminal width) it is laid out <paramref name="redirectedWidth"/> wide so rows stay whole.</summary>
    public static void Write(IRenderable renderable, int redirectedWidth = 200)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Console.Out),
            Ansi = Console.IsOutputRedirected ? AnsiSupport.No : AnsiSupport.Detect,
        });
        if (Console.IsOutputRedirected) console.Profile.Width = redirectedWidth;
        console.Write(renderable);
    }
}
