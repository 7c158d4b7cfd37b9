namespace RlFramework.Envs.Checking;

/// <summary>The result of one named check.</summary>
/// <param name="Check">What was checked.</param>
/// <param name="Outcome">Passed, warning or failed.</param>
/// <param name="Message">What was found (empty when passed).</param>
public sealed record CheckResult(string Check, CheckOutcome Outcome, string Message = "");
