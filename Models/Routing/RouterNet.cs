using RlFramework.Models.Modules;

namespace RlFramework.Models.Routing;

/// <summary>The small network of routers over activations.</summary>
internal static class RouterNet
{
    /// <summary>Linear(in, hidden), ReLU, Linear(hidden, out), or Linear(in, out) when <paramref name="hidden"/> is 0.</summary>
    public static Sequential Create(int inputs, int hidden, int outputs, Generator generator)
    {
        if (inputs <= 0) throw new ArgumentOutOfRangeException(nameof(inputs), inputs, "A router's input width must be positive.");
        if (hidden < 0) throw new ArgumentOutOfRangeException(nameof(hidden), hidden, "A router's hidden size must be 0 (linear) or positive.");
        return hidden == 0
            ? torch.nn.Sequential(torch.nn.Linear(inputs, outputs, generator: generator))
            : torch.nn.Sequential(torch.nn.Linear(inputs, hidden, generator: generator), torch.nn.ReLU(), torch.nn.Linear(hidden, outputs, generator: generator));
    }
}
