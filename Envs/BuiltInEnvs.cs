using RlFramework.Envs.Classic;
using RlFramework.Envs.FunnelBoard;
using RlFramework.Envs.RoboRally;
using RlFramework.Envs.RoomRunner;

namespace RlFramework.Envs;

/// <summary>Every environment family that ships with the framework; <see cref="Gym"/> registers them on first use.</summary>
internal static class BuiltInEnvs
{
    /// <summary>Registers each built-in family's ids.</summary>
    public static void Register()
    {
        ClassicControl.Register();
        RoomRunnerEnv.Register();
        FunnelBoardEnv.Register();
        RoboRallyFamily.Register();
    }
}
