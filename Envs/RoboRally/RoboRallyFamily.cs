using System.Globalization;

namespace RlFramework.Envs.RoboRally;

/// <summary>Registers <c>RoboRally-v0</c> (the default map) and <c>RoboRally-&lt;Name&gt;-v0</c> for every bundled map.</summary>
public static class RoboRallyFamily
{
    /// <summary>Registers the ids (called by <see cref="Gym"/> on first use).</summary>
    public static void Register()
    {
        const string Arguments = " Arguments: map (bundled name, file path or RoboRallyMap), observation (one_hot or structured).";
        Gym.Register("RoboRally-v0", RoboRallyEnv.FromKwargs,
            description: "One five-card RoboRally programming turn on the default map (Glasmachers 2017)." + Arguments);
        foreach (string name in RoboRallyMaps.Names)
        {
            Gym.Register(Id(name), RoboRallyEnv.FromKwargs, kwargs: new Dictionary<string, object?> { ["map"] = name },
                description: $"One five-card RoboRally programming turn on the bundled map '{name}'." + Arguments);
        }
    }

    /// <summary>The registered id of bundled map <paramref name="name"/>: RoboRally-&lt;Name&gt;-v0 (first letter capitalised).</summary>
    public static string Id(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return $"RoboRally-{char.ToUpper(name[0], CultureInfo.InvariantCulture)}{name[1..]}-v0";
    }
}
