using System.CommandLine;
using RlFramework.Envs;
using RlFramework.Renders;

namespace RlFramework.Runner.Cli;

/// <summary><c>rl render</c>: saves the first frame of a seeded episode as PNG.</summary>
internal static class RenderCommand
{
    public static Command Create()
    {
        var env = CommonOptions.Env();
        var seed = CommonOptions.Seed();
        var output = new Option<string>("--out") { Description = "The PNG file to write.", DefaultValueFactory = _ => "frame.png" };
        var command = new Command("render", "Reset an env with a seed and save its rgb_array frame as PNG.") { env, seed, output };
        command.SetAction(result => CommonOptions.Guard(result, () =>
        {
            string id = result.GetValue(env)!;
            using var made = Gym.Make(id, renderMode: RenderMode.RgbArray);
            made.ResetBoxed(result.GetValue(seed));
            var frame = made.Render() as Frame ?? throw new InvalidOperationException($"{id} returned no frame from Render.");
            string path = Path.GetFullPath(result.GetValue(output)!);
            if (!string.Equals(Path.GetExtension(path), ".png", StringComparison.OrdinalIgnoreCase))
                throw new ArgumentException($"--out '{result.GetValue(output)}' must end in .png: rl render writes PNG images only.");
            frame.SavePng(path);
            Console.WriteLine($"wrote {path} ({frame.Width}×{frame.Height})");
            return 0;
        }));
        return command;
    }
}
