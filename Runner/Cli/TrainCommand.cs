using System.CommandLine;
using System.Globalization;
using RlFramework.Envs;
using RlFramework.Envs.Wrappers;

namespace RlFramework.Runner.Cli;

/// <summary><c>rl train</c>: runs an agent on an env headless and prints each episode's return.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var env = CommonOptions.Env();
        var agent = CommonOptions.Agent();
        var episodes = CommonOptions.Episodes(10);
        var seed = CommonOptions.Seed();
        var command = new Command("train", "Train an agent headless and print episode returns.") { env, agent, episodes, seed };
        command.SetAction(result => CommonOptions.Guard(() =>
            Run(result.GetValue(env)!, result.GetValue(agent)!, result.GetValue(episodes), result.GetValue(seed))));
        return command;
    }

    private static int Run(string id, string agentName, int episodes, int seed)
    {
        if (episodes <= 0) throw new ArgumentException($"--episodes must be positive; got {episodes}.");
        using var env = Gym.Make(id);
        var act = AgentChoice.Create(agentName, env, seed);
        var returns = new List<double>();
        for (int episode = 0; episode < episodes; episode++)
        {
            var observation = env.ResetBoxed(episode == 0 ? seed : null).Observation;
            double total = 0;
            int length = 0;
            while (true)
            {
                var step = env.StepBoxed(act(observation));
                total += step.Reward;
                length++;
                observation = step.Observation;
                if (step.Done) break;
            }
            returns.Add(total);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"episode {episode + 1,4}  return {total,8:F1}  length {length,5}"));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{agentName} on {id}: mean return {returns.Average():F2} over {episodes} episodes (min {returns.Min():F1}, max {returns.Max():F1})"));
        return 0;
    }
}
