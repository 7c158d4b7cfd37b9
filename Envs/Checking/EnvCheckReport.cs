using System.Text;

namespace RlFramework.Envs.Checking;

/// <summary>What <see cref="EnvChecker"/> found: every check with its outcome.</summary>
public sealed class EnvCheckReport
{
    /// <summary>Creates a report of <paramref name="envName"/> from its results.</summary>
    public EnvCheckReport(string envName, IReadOnlyList<CheckResult> results)
    {
        EnvName = envName;
        Results = results;
    }

    /// <summary>The checked env's name.</summary>
    public string EnvName { get; }

    /// <summary>Every check in the order it ran.</summary>
    public IReadOnlyList<CheckResult> Results { get; }

    /// <summary>The checks that failed.</summary>
    public IEnumerable<CheckResult> Failures => Results.Where(r => r.Outcome == CheckOutcome.Failed);

    /// <summary>The checks that warned.</summary>
    public IEnumerable<CheckResult> Warnings => Results.Where(r => r.Outcome == CheckOutcome.Warning);

    /// <summary>True when no check failed.</summary>
    public bool Passed => !Failures.Any();

    /// <summary>One line per check and a summary line.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var result in Results)
            text.AppendLine($"{Label(result.Outcome),-5} {result.Check}{(result.Message.Length > 0 ? ": " + result.Message : "")}");
        text.Append($"{EnvName}: {Results.Count(r => r.Outcome == CheckOutcome.Passed)} passed, {Warnings.Count()} warnings, {Failures.Count()} failed");
        return text.ToString();
    }

    private static string Label(CheckOutcome outcome) => outcome switch
    {
        CheckOutcome.Passed => "ok",
        CheckOutcome.Warning => "warn",
        _ => "FAIL",
    };
}
