using RlFramework.Agents.Dqn;
using RlFramework.Models.Serialization;
using M = RlFramework.Models;
using TS = TorchSharp.torch;

namespace RlFramework.Benchmarks.TorchSharpPeer;

/// <summary>Weight exchange between a DQN checkpoint of ours (safetensors) and a TorchSharp module of the same MLP,
/// both ways, compared by the Q-values of a batch of observations.</summary>
internal static class WeightExchange
{
    private const int Observations = 64, ObservationSize = 4, Actions = 2;
    private const double Tolerance = 1e-6;

    /// <summary>Runs both directions, prints PASS/FAIL per check; returns true when every check passes.</summary>
    public static bool Run()
    {
        string dir = Path.Combine(Path.GetTempPath(), "rl-torchsharp-exchange-" + Environment.ProcessId);
        try
        {
            var observations = ObservationBatch(seed: 11);
            // Ours → TorchSharp: a DqnAgent's checkpoint (written by DqnAgent.Save) read into a TorchSharp Sequential.
            var ours = new DqnAgent(new DqnConfig(), ObservationSize, Actions, seed: 7);
            ours.Save(dir);
            var (tensors, _) = SafeTensors.Load(Path.Combine(dir, "dqn.safetensors"));
            TS.manual_seed(1);
            var theirs = TorchSharpWorkloads.DqnNetwork();
            bool differBefore = MaxAbsDiff(OurQ(ours, observations), TheirQ(theirs, observations)) > 1e-3;
            CopyInto(theirs, tensors.Where(kv => kv.Key.StartsWith("q.", StringComparison.Ordinal)).ToDictionary(kv => kv.Key[2..], kv => kv.Value));
            bool forward = Report("checkpoint of ours -> TorchSharp", differBefore, MaxAbsDiff(OurQ(ours, observations), TheirQ(theirs, observations)));

            // TorchSharp → ours: a freshly initialised TorchSharp module's state dict written through our SafeTensors
            // writer and loaded into another agent's Q-network.
            TS.manual_seed(2);
            var source = TorchSharpWorkloads.DqnNetwork();
            string path = Path.Combine(dir, "torchsharp.safetensors");
            SafeTensors.Save(path, source.state_dict().ToDictionary(kv => kv.Key, kv => M.torch.tensor(kv.Value.data<float>().ToArray(), kv.Value.shape)));
            var target = new DqnAgent(new DqnConfig(), ObservationSize, Actions, seed: 8);
            differBefore = MaxAbsDiff(OurQ(target, observations), TheirQ(source, observations)) > 1e-3;
            target.QNetwork.load_state_dict(SafeTensors.Load(path).Tensors);
            bool backward = Report("TorchSharp state dict -> our Q-network", differBefore, MaxAbsDiff(OurQ(target, observations), TheirQ(source, observations)));
            return forward && backward;
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    private static float[] ObservationBatch(int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, Observations * ObservationSize).Select(_ => (float)(random.NextDouble() * 4 - 2)).ToArray();
    }

    private static float[] OurQ(DqnAgent agent, float[] observations)
    {
        using var ng = M.torch.no_grad();
        return agent.QNetwork.forward(M.torch.tensor(observations, [Observations, ObservationSize])).ToArray();
    }

    private static float[] TheirQ(TorchSharp.Modules.Sequential net, float[] observations)
    {
        using var ng = TS.no_grad();
        return net.forward(TS.tensor(observations).reshape(Observations, ObservationSize)).data<float>().ToArray();
    }

    /// <summary>Copies every tensor of <paramref name="source"/> into the module's state dict entry of the same name
    /// (the names and shapes must match one to one).</summary>
    private static void CopyInto(TorchSharp.Modules.Sequential net, Dictionary<string, M.Tensor> source)
    {
        var state = net.state_dict();
        if (!state.Keys.Order().SequenceEqual(source.Keys.Order()))
            throw new InvalidDataException($"checkpoint names [{string.Join(", ", source.Keys.Order())}] do not match the TorchSharp module's [{string.Join(", ", state.Keys.Order())}]");
        using var ng = TS.no_grad();
        foreach (var (name, tensor) in source)
        {
            if (!state[name].shape.SequenceEqual(tensor.shape))
                throw new InvalidDataException($"'{name}': checkpoint shape [{string.Join(", ", tensor.shape)}], TorchSharp module shape [{string.Join(", ", state[name].shape)}]");
            state[name].copy_(TS.tensor(tensor.ToArray()).reshape(tensor.shape));
        }
    }

    private static double MaxAbsDiff(float[] a, float[] b) =>
        a.Length != b.Length ? double.PositiveInfinity : a.Zip(b, (x, y) => Math.Abs((double)x - y)).Max();

    private static bool Report(string check, bool differBefore, double diff)
    {
        bool pass = differBefore && diff <= Tolerance;
        Console.WriteLine($"{(pass ? "PASS" : "FAIL")} {check}: max |ΔQ| = {diff:E2} over {Observations}×{Actions} Q-values (tolerance {Tolerance:E0}); differed before loading: {differBefore}");
        return pass;
    }
}
