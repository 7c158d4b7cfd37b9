using RlFramework.Envs.Spaces;

namespace RlFramework.Envs.Classic;

/// <summary>The action check of envs that clip continuous actions themselves, as Gymnasium's Pendulum and continuous mountain car do.</summary>
internal static class ClippedAction
{
    /// <summary>Null when <paramref name="action"/> has the space's length and only finite numbers; otherwise why not.</summary>
    public static string? Problem(float[] action, Box<float> space)
    {
        if (action is not null && action.Length == space.Size)
        {
            bool finite = true;
            foreach (float value in action) finite &= float.IsFinite(value);
            if (finite) return null;
        }
        return $"is not in the action space {space}: it needs {space.Size} finite number(s) (values beyond the bounds are clipped)";
    }
}
