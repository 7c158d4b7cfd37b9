namespace RlFramework.Envs.Checking;

/// <summary>How one check of the env checker ended.</summary>
public enum CheckOutcome
{
    /// <summary>The env keeps the promise.</summary>
    Passed,
    /// <summary>Allowed, but likely to surprise users or learners.</summary>
    Warning,
    /// <summary>The env breaks the API's contract.</summary>
    Failed,
}
