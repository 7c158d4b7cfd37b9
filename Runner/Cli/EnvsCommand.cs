using System.CommandLine;
using System.Globalization;
using RlFramework.Envs;
using Spectre.Console;

namespace RlFramework.Runner.Cli;

/// <summary><c>rl envs</c>: the registry as a table.</summary>
internal static class EnvsCommand
{
    public static Command Create()
    {
        var command = new Command("envs", "List the registered environments: id, spaces, max steps, reward threshold.");
        command.SetAction(_ =>
        {
            var table = new Table().AddColumns("id", "observation space", "action space", "max steps", "reward threshold", "description");
            foreach (var spec in Gym.Registry.Values.OrderBy(s => s.Id, StringComparer.Ordinal))
            {
                using var env = Gym.Make(spec.Id, disableEnvChecker: true);
                table.AddRow(Markup.Escape(spec.Id), Markup.Escape(env.ObservationSpace.ToString() ?? ""), Markup.Escape(env.ActionSpace.ToString() ?? ""),
                    spec.MaxEpisodeSteps?.ToString(CultureInfo.InvariantCulture) ?? "-", spec.RewardThreshold?.ToString(CultureInfo.InvariantCulture) ?? "-",
                    Markup.Escape(spec.Description));
            }
            ConsoleTables.Write(table, redirectedWidth: 240);
            return 0;
        });
        return command;
    }
}
