namespace RlFramework.Envs.RoboRally;

/// <summary>What <see cref="RoboRallyEnv"/> observes (env argument <c>observation</c>).</summary>
public enum RoboRallyObservation
{
    /// <summary><c>"one_hot"</c> (default): a float vector of length width·height·4 with a 1 at <see cref="RoboRallyState.Index"/>.</summary>
    OneHot,
    /// <summary><c>"structured"</c>: the floats (x, y, heading) with heading 0 north, 1 east, 2 south, 3 west.</summary>
    Structured,
}
