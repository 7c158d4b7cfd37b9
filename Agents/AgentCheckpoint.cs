using System.Globalization;
using RlFramework.Envs.Seeding;
using RlFramework.Models;
using RlFramework.Models.Optimizers;
using RlFramework.Models.Serialization;

namespace RlFramework.Agents;

/// <summary>
/// The parts of an agent's safetensors checkpoint that every agent writes the same way: tensors grouped under name
/// prefixes (q., target., optimizer., ...), the agent's name and config, the optimizer's metadata and the exploration
/// random state.
/// </summary>
internal static class AgentCheckpoint
{
    /// <summary>
    /// Writes the tensor groups and metadata (plus the optimizer's, if any, and <paramref name="random"/>'s state) to
    /// <paramref name="path"/>.
    /// </summary>
    public static void Save(string path, string agent, string configJson, Optimizer? optimizer, RandomGenerator random,
        IEnumerable<(string Prefix, IReadOnlyDictionary<string, Tensor> Tensors)> groups, IReadOnlyDictionary<string, string> extraMetadata)
    {
        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        if (optimizer is not null) groups = groups.Append(("optimizer.", optimizer.state_dict()));
        foreach (var (prefix, group) in groups)
            foreach (var (name, tensor) in group) tensors[prefix + name] = tensor;
        var optimizerMetadata = optimizer?.metadata().Select(p => KeyValuePair.Create("optimizer." + p.Key, p.Value)) ?? [];
        var metadata = new Dictionary<string, string>(optimizerMetadata, StringComparer.Ordinal)
        {
            ["agent"] = agent,
            ["config"] = configJson,
        };
        foreach (var (key, value) in RandomState(random).Concat(extraMetadata)) metadata[key] = value;
        SafeTensors.Save(path, tensors, metadata);
    }

    /// <summary>Reads a checkpoint written by <see cref="Save"/> for <paramref name="agent"/>; refuses another agent's.</summary>
    public static (Dictionary<string, Tensor> Tensors, Dictionary<string, string> Metadata) Read(string path, string agent)
    {
        var (tensors, metadata) = SafeTensors.Load(path);
        if (!metadata.TryGetValue("agent", out var saved) || saved != agent)
            throw new InvalidDataException($"{path} holds a checkpoint of agent '{saved ?? "?"}', not '{agent}'.");
        return (tensors, metadata);
    }

    /// <summary>The entries (tensors or metadata) under <paramref name="prefix"/>, with the prefix removed.</summary>
    public static Dictionary<string, T> Group<T>(IReadOnlyDictionary<string, T> tensors, string prefix) =>
        tensors.Where(p => p.Key.StartsWith(prefix, StringComparison.Ordinal)).ToDictionary(p => p.Key[prefix.Length..], p => p.Value, StringComparer.Ordinal);

    /// <summary>Restores the optimizer's state and metadata saved by <see cref="Save"/>.</summary>
    public static void RestoreOptimizer(IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string> metadata, Optimizer optimizer)
    {
        optimizer.load_state_dict(Group(tensors, "optimizer."));
        optimizer.load_metadata(Group(metadata, "optimizer."));
    }

    /// <summary>The state of <paramref name="random"/> as metadata entries (random.state, random.increment, ...).</summary>
    public static Dictionary<string, string> RandomState(RandomGenerator random)
    {
        var state = random.BitGenerator.GetState();
        return new(StringComparer.Ordinal)
        {
            ["random.state"] = state.State.ToString(CultureInfo.InvariantCulture),
            ["random.increment"] = state.Increment.ToString(CultureInfo.InvariantCulture),
            ["random.has_uint32"] = state.HasUInt32 ? "1" : "0",
            ["random.buffered_uint32"] = state.BufferedUInt32.ToString(CultureInfo.InvariantCulture),
        };
    }

    /// <summary>Sets <paramref name="random"/> to the state <see cref="RandomState"/> wrote into <paramref name="metadata"/>.</summary>
    public static void RestoreRandomState(IReadOnlyDictionary<string, string> metadata, RandomGenerator random) =>
        random.BitGenerator.SetState(new Pcg64State(UInt128.Parse(metadata["random.state"], CultureInfo.InvariantCulture),
            UInt128.Parse(metadata["random.increment"], CultureInfo.InvariantCulture), metadata["random.has_uint32"] == "1",
            uint.Parse(metadata["random.buffered_uint32"], CultureInfo.InvariantCulture)));
}
