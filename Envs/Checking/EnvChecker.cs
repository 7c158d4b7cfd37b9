using RlFramework.Envs.Spaces;

namespace RlFramework.Envs.Checking;

/// <summary>
/// Checks that an env follows the API, as Gymnasium's <c>check_env</c>: spaces, Reset and Step results, seeding
/// determinism, options, rendering and Close. Every check runs; each failure or warning is reported with what was found.
/// </summary>
public static class EnvChecker
{
    private const int Seed = 123;
    private const int DeterminismSteps = 20;

    /// <summary>Makes the registered env <paramref name="id"/> and checks it, once more in each declared render mode.</summary>
    public static EnvCheckReport Check(string id)
    {
        var results = new List<CheckResult>();
        using (var env = Gym.Make(id, disableEnvChecker: true))
        {
            results.AddRange(Check(env).Results);
            foreach (var mode in env.Metadata.RenderModes)
                results.Add(Run($"render mode '{mode}' works", () => RenderModeProblems(id, mode)));
        }
        return new EnvCheckReport(id, results);
    }

    /// <summary>Checks <paramref name="env"/> (in its own render mode); the env is reset and stepped, then closed twice.</summary>
    public static EnvCheckReport Check(IEnv env)
    {
        ArgumentNullException.ThrowIfNull(env);
        var results = new List<CheckResult>
        {
            Run("observation and action spaces are declared", () => FailuresOnly(NullSpaceProblems(env))),
            Run("spaces and metadata follow the recommendations", () => WarningsOnly(EnvChecks.SpaceProblems(env).Except(NullSpaceProblems(env)).Concat(ActionSpaceAdvice(env)))),
            Run("Reset returns an observation in the observation space", () => FailuresOnly(EnvChecks.ObservationProblems(env, env.ResetBoxed(Seed).Observation, "Reset"))),
            Run("Reset with the same seed gives the same observation", () => SameSeedProblems(env)),
            Run("Reset without a seed continues the seeded random stream", () => UnseededResetProblems(env)),
            Run("Reset accepts options", () => OptionsProblems(env)),
            Run("Step returns an observation in the space and a finite reward", () => StepProblems(env)),
            Run("the same seed and actions give the same steps", () => StepDeterminismProblems(env)),
            Run("Render works in the env's render mode", () => FailuresOnly(EnvChecks.RenderProblems(env, env.Render()))),
            Run("Close can be called twice", () =>
            {
                env.Close();
                env.Close();
                return [];
            }),
        };
        return new EnvCheckReport(env.ToString() ?? env.GetType().Name, results);
    }

    private static CheckResult Run(string check, Func<IEnumerable<(CheckOutcome Outcome, string Message)>> body)
    {
        try
        {
            var problems = body().ToList();
            if (problems.Count == 0) return new CheckResult(check, CheckOutcome.Passed);
            var outcome = problems.Any(p => p.Outcome == CheckOutcome.Failed) ? CheckOutcome.Failed : CheckOutcome.Warning;
            return new CheckResult(check, outcome, string.Join(" ", problems.Select(p => p.Message)));
        }
        catch (Exception e)
        {
            return new CheckResult(check, CheckOutcome.Failed, $"threw {e.GetType().Name}: {e.Message}");
        }
    }

    private static IEnumerable<(CheckOutcome, string)> FailuresOnly(IEnumerable<string> problems) => problems.Select(p => (CheckOutcome.Failed, p));

    private static IEnumerable<(CheckOutcome, string)> WarningsOnly(IEnumerable<string> problems) => problems.Select(p => (CheckOutcome.Warning, p));

    private static IEnumerable<string> NullSpaceProblems(IEnv env) => EnvChecks.SpaceProblems(env).Where(p => p.Contains("is null", StringComparison.Ordinal));

    private static IEnumerable<string> ActionSpaceAdvice(IEnv env)
    {
        if (env.ActionSpace is IBox box && Enumerable.Range(0, box.Size).Any(i => box.LowAt(i) != -box.HighAt(i) || Math.Abs(box.HighAt(i)) != 1))
            yield return $"The Box action space {box} is not symmetric and normalised to [-1, 1]; most continuous-control learners expect that.";
    }

    private static IEnumerable<(CheckOutcome, string)> SameSeedProblems(IEnv env)
    {
        var first = ValueEquality.DeepCopy(env.ResetBoxed(Seed).Observation);
        var second = ValueEquality.DeepCopy(env.ResetBoxed(Seed).Observation);
        if (!ValueEquality.DeepEquals(first, second))
            yield return (CheckOutcome.Failed, $"Reset(seed: {Seed}) twice gave {Env<int, int>.Describe(first)} and then {Env<int, int>.Describe(second)}.");
        var other = ValueEquality.DeepCopy(env.ResetBoxed(Seed + 333).Observation);
        if (ValueEquality.DeepEquals(first, other) && !IsDeterministicStart(env))
            yield return (CheckOutcome.Warning, $"Reset with seeds {Seed} and {Seed + 333} gave the same observation; is the seed used?");
    }

    private static bool IsDeterministicStart(IEnv env) => env.ObservationSpace is Discrete;

    private static IEnumerable<(CheckOutcome, string)> UnseededResetProblems(IEnv env)
    {
        env.ResetBoxed(Seed);
        var first = ValueEquality.DeepCopy(env.ResetBoxed().Observation);
        env.ResetBoxed(Seed);
        var second = ValueEquality.DeepCopy(env.ResetBoxed().Observation);
        if (!ValueEquality.DeepEquals(first, second))
            yield return (CheckOutcome.Failed, "Reset() after Reset(seed) gave different observations on two identical runs: a null seed must keep the generator, not re-seed it.");
    }

    private static IEnumerable<(CheckOutcome, string)> OptionsProblems(IEnv env)
    {
        var observation = env.ResetBoxed(Seed, new Dictionary<string, object?>()).Observation;
        return FailuresOnly(EnvChecks.ObservationProblems(env, observation, "Reset with empty options"));
    }

    private static IEnumerable<(CheckOutcome, string)> StepProblems(IEnv env)
    {
        env.ResetBoxed(Seed);
        env.ActionSpace.Seed(Seed);
        var result = env.StepBoxed(env.ActionSpace.SampleBoxed());
        var problems = EnvChecks.ObservationProblems(env, result.Observation, "Step").Concat(EnvChecks.RewardProblems(result.Reward));
        if (result.Info is null) problems = problems.Append("Step returned a null info; return Info.Empty.");
        return FailuresOnly(problems);
    }

    private static IEnumerable<(CheckOutcome, string)> StepDeterminismProblems(IEnv env)
    {
        var first = Rollout(env);
        var second = Rollout(env);
        for (int i = 0; i < Math.Min(first.Count, second.Count); i++)
        {
            var (a, b) = (first[i], second[i]);
            if (!ValueEquality.DeepEquals(a.Observation, b.Observation) || a.Reward != b.Reward || a.Terminated != b.Terminated
                || a.Truncated != b.Truncated || !ValueEquality.DeepEquals(a.Info, b.Info))
            {
                yield return (CheckOutcome.Failed,
                    $"step {i}: first run gave ({Env<int, int>.Describe(a.Observation)}, {a.Reward}, {a.Terminated}, {a.Truncated}), second ({Env<int, int>.Describe(b.Observation)}, {b.Reward}, {b.Terminated}, {b.Truncated}).");
                yield break;
            }
        }
        if (first.Count != second.Count)
            yield return (CheckOutcome.Failed, $"The first run ended after {first.Count} steps, the second after {second.Count}.");
    }

    private static List<StepResult<object>> Rollout(IEnv env)
    {
        env.ResetBoxed(Seed);
        env.ActionSpace.Seed(Seed);
        var steps = new List<StepResult<object>>();
        for (int i = 0; i < DeterminismSteps; i++)
        {
            var result = env.StepBoxed(env.ActionSpace.SampleBoxed());
            steps.Add(result with { Observation = ValueEquality.DeepCopy(result.Observation)! });
            if (result.Done) break;
        }
        return steps;
    }

    private static IEnumerable<(CheckOutcome, string)> RenderModeProblems(string id, string mode)
    {
        using var env = Gym.Make(id, renderMode: mode, disableEnvChecker: true);
        env.ResetBoxed(Seed);
        var problems = EnvChecks.RenderProblems(env, env.Render()).ToList();
        if (env.Metadata.RenderFps is null) problems.Add("No render fps is declared; videos would play at a guessed speed.");
        return FailuresOnly(problems);
    }
}
