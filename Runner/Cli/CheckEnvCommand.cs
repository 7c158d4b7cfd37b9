using System.CommandLine;
using RlFramework.Envs.Checking;

namespace RlFramework.Runner.Cli;

/// <summary><c>rl check-env &lt;id&gt;</c>: runs the env checker and prints its report; exit code 1 when a check fails.</summary>
internal static class CheckEnvCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("id") { Description = "The registered env id." };
        var command = new Command("check-env", "Check that an env follows the API (Gymnasium's check_env).") { id };
        command.SetAction(result => CommonOptions.Guard(result, () =>
        {
            var report = EnvChecker.Check(result.GetValue(id)!);
            Console.WriteLine(report);
            return report.Passed ? 0 : 1;
        }));
        return command;
    }
}
