using RlFramework.Models.Modules;
using RlFramework.Models.Optimizers;

namespace RlFramework.Models.Serialization;

/// <summary>One safetensors file holding a model (<c>model.*</c>) and optionally its optimizer state (<c>optim.*</c>), so training resumes exactly.</summary>
public static class Checkpoint
{
    /// <summary>Saves model weights, optimizer state and user metadata.</summary>
    public static void Save(string path, Module model, Optimizer? optimizer = null, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var all = new Dictionary<string, Tensor>();
        foreach (var (k, v) in model.state_dict()) all["model." + k] = v;
        var meta = new Dictionary<string, string>();
        if (metadata is not null) foreach (var (k, v) in metadata) meta[k] = v;
        if (optimizer is not null)
        {
            foreach (var (k, v) in optimizer.state_dict()) all["optim." + k] = v;
            foreach (var (k, v) in optimizer.metadata()) meta["optim." + k] = v;
        }
        SafeTensors.Save(path, all, meta);
    }

    /// <summary>Loads into <paramref name="model"/> (and <paramref name="optimizer"/>), checking names and shapes; returns the user metadata.</summary>
    public static Dictionary<string, string> Load(string path, Module model, Optimizer? optimizer = null)
    {
        var (tensors, meta) = SafeTensors.Load(path);
        var modelPart = tensors.Where(kv => kv.Key.StartsWith("model.", StringComparison.Ordinal)).ToDictionary(kv => kv.Key["model.".Length..], kv => kv.Value);
        model.load_state_dict(modelPart, strict: true);
        var user = meta.Where(kv => !kv.Key.StartsWith("optim.", StringComparison.Ordinal)).ToDictionary(kv => kv.Key, kv => kv.Value);
        if (optimizer is not null)
        {
            var optPart = tensors.Where(kv => kv.Key.StartsWith("optim.", StringComparison.Ordinal)).ToDictionary(kv => kv.Key["optim.".Length..], kv => kv.Value);
            if (optPart.Count == 0) throw new InvalidDataException($"checkpoint '{path}': holds no optimizer state");
            var optMeta = meta.Where(kv => kv.Key.StartsWith("optim.", StringComparison.Ordinal)).ToDictionary(kv => kv.Key["optim.".Length..], kv => kv.Value);
            optimizer.load_metadata(optMeta);
            optimizer.load_state_dict(optPart);
        }
        return user;
    }
}
