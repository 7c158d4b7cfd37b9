namespace RlFramework.Agents;

/// <summary>The checks every policy makes on its arguments.</summary>
internal static class PolicyShape
{
    /// <summary>Throws unless <paramref name="numEnvs"/> is positive.</summary>
    public static int RequirePositive(int numEnvs) => numEnvs > 0 ? numEnvs
        : throw new ArgumentOutOfRangeException(nameof(numEnvs), numEnvs, "A policy acts for a positive number of envs.");

    /// <summary>Throws unless the spans hold <paramref name="numEnvs"/> rows of <paramref name="observationSize"/> values and as many action slots.</summary>
    public static void Check(string name, int numEnvs, int observationSize, int observations, int actions)
    {
        if (actions != numEnvs || observations != numEnvs * observationSize)
            throw new ArgumentException($"The {name} policy acts for {numEnvs} envs of {observationSize} values; got {actions} action slots and {observations} values.");
    }

    /// <summary>Throws unless <paramref name="envIndex"/> is one of the <paramref name="numEnvs"/> envs.</summary>
    public static void CheckEnv(int envIndex, int numEnvs)
    {
        if ((uint)envIndex >= (uint)numEnvs) throw new ArgumentOutOfRangeException(nameof(envIndex), envIndex, $"The policy acts for {numEnvs} envs.");
    }
}
