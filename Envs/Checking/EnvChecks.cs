using RlFramework.Envs.Spaces;

namespace RlFramework.Envs.Checking;

/// <summary>The individual checks shared by the env checker and the passive checker wrapper; each returns the problems it found.</summary>
public static class EnvChecks
{
    /// <summary>Problems with the env's spaces and metadata.</summary>
    public static IEnumerable<string> SpaceProblems(IEnv env)
    {
        if (env.ObservationSpace is null) yield return "The observation space is null; every env must declare one.";
        if (env.ActionSpace is null) yield return "The action space is null; every env must declare one.";
        foreach (var (role, space) in new[] { ("observation", env.ObservationSpace), ("action", env.ActionSpace) })
        {
            if (space is not null && space.Shape is { } shape && shape.Any(d => d <= 0) && space.Shape.Count > 0)
                yield return $"The {role} space {space} has a dimension of size 0.";
        }

        if (env.RenderMode is not null && !env.Metadata.RenderModes.Contains(env.RenderMode))
            yield return $"The render mode '{env.RenderMode}' is not among the declared modes ({string.Join(", ", env.Metadata.RenderModes)}).";
        if (env.Metadata.RenderModes.Count > 0 && env.Metadata.RenderFps is null)
            yield return "The env declares render modes but no render fps; videos would play at a guessed speed. Set Metadata.RenderFps.";
    }

    /// <summary>Problems with an observation returned by <paramref name="source"/> ("Reset" or "Step").</summary>
    public static IEnumerable<string> ObservationProblems(IEnv env, object? observation, string source)
    {
        if (observation is null)
            yield return $"{source} returned a null observation.";
        else if (!env.ObservationSpace.ContainsBoxed(observation))
            yield return $"The observation returned by {source} ({Env<int, int>.Describe(observation)}) is not within the observation space {env.ObservationSpace}.";
        if (observation is float[] floats && floats.Any(v => !float.IsFinite(v)) && env.ObservationSpace is Box<float>)
            yield return $"The observation returned by {source} contains NaN or infinite values.";
    }

    /// <summary>Problems with a reward.</summary>
    public static IEnumerable<string> RewardProblems(double reward)
    {
        if (!double.IsFinite(reward)) yield return $"The reward {reward} is not a finite number.";
    }

    /// <summary>Problems with what Render returned for the env's render mode.</summary>
    public static IEnumerable<string> RenderProblems(IEnv env, object? rendered)
    {
        switch (env.RenderMode)
        {
            case null when rendered is not null:
                yield return "Render returned a value although the env has no render mode.";
                break;
            case RenderMode.RgbArray when rendered is not Renders.Frame:
                yield return $"Render in rgb_array mode must return a Frame; it returned {rendered?.GetType().Name ?? "null"}.";
                break;
            case RenderMode.Ansi when rendered is not string:
                yield return $"Render in ansi mode must return a string; it returned {rendered?.GetType().Name ?? "null"}.";
                break;
        }
    }
}
