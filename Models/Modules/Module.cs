using RlFramework.Models.Serialization;

namespace RlFramework.Models.Modules;

/// <summary>
/// Base of every layer: a named tree of parameters and submodules with train/eval mode, <c>zero_grad()</c>,
/// <c>state_dict()</c>/<c>load_state_dict()</c> (copying weights between modules, e.g. to target networks)
/// and safetensors <c>save</c>/<c>load</c>.
/// </summary>
public abstract class Module : IDisposable
{
    private readonly List<(string Name, Parameter? Param)> _parameters = new();
    private readonly List<(string Name, Module Module)> _modules = new();
    private readonly string _name;

    /// <summary>Creates a module with a type name (used in messages).</summary>
    protected Module(string name) => _name = name;

    /// <summary>The module's type name.</summary>
    public string GetName() => _name;

    /// <summary>Whether the module is in training mode.</summary>
    public bool training { get; private set; } = true;

    /// <summary>Creates a parameter of <paramref name="shape"/> drawn from U(−bound, bound) with <paramref name="generator"/> and registers it (PyTorch's default layer init).</summary>
    internal Parameter RegisterUniformParameter(string name, int[] shape, double bound, Generator generator)
    {
        var parameter = new Parameter(shape);
        generator.FillUniform(parameter.Span, -bound, bound);
        register_parameter(name, parameter);
        return parameter;
    }

    /// <summary>Registers (or replaces) a parameter under <paramref name="name"/>.</summary>
    public void register_parameter(string name, Parameter? param)
    {
        if (string.IsNullOrEmpty(name) || name.Contains('.')) throw new ArgumentException($"register_parameter: invalid name '{name}'");
        int i = _parameters.FindIndex(p => p.Name == name);
        if (i >= 0) _parameters[i] = (name, param); else _parameters.Add((name, param));
    }

    /// <summary>Registers (or replaces) a submodule under <paramref name="name"/>.</summary>
    public void register_module(string name, Module module)
    {
        if (string.IsNullOrEmpty(name) || name.Contains('.')) throw new ArgumentException($"register_module: invalid name '{name}'");
        int i = _modules.FindIndex(p => p.Name == name);
        if (i >= 0) _modules[i] = (name, module); else _modules.Add((name, module));
    }

    /// <summary>
    /// Registers every field of the concrete module type that holds a <see cref="Module"/> or <see cref="Parameter"/>
    /// under the field's name (TorchSharp's idiom for custom modules; call it at the end of the constructor).
    /// Field names of auto-properties are used without their compiler decoration.
    /// </summary>
    protected void RegisterComponents()
    {
        const System.Reflection.BindingFlags flags = System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.DeclaredOnly;
        var types = new List<Type>();
        for (var t = GetType(); t is not null && t != typeof(Module); t = t.BaseType) types.Insert(0, t);
        foreach (var t in types)
        {
            foreach (var f in t.GetFields(flags).OrderBy(f => f.MetadataToken))
            {
                string name = f.Name.StartsWith('<') ? f.Name[1..f.Name.IndexOf('>')] : f.Name.TrimStart('_');
                switch (f.GetValue(this))
                {
                    case Parameter p: register_parameter(name, p); break;
                    case Module m: register_module(name, m); break;
                }
            }
        }
    }

    /// <summary>Sets training (true) or evaluation (false) mode recursively; returns this.</summary>
    public Module train(bool mode = true)
    {
        training = mode;
        foreach (var (_, m) in _modules) m.train(mode);
        return this;
    }

    /// <summary>Sets evaluation mode recursively; returns this.</summary>
    public Module eval() => train(false);

    /// <summary>Parameters with dotted names (e.g. <c>0.weight</c>), in registration order.</summary>
    public IEnumerable<(string name, Parameter parameter)> named_parameters(bool recurse = true)
    {
        foreach (var (n, p) in _parameters) if (p is not null) yield return (n, p);
        if (!recurse) yield break;
        foreach (var (mn, m) in _modules)
            foreach (var (n, p) in m.named_parameters(true)) yield return (mn + "." + n, p);
    }

    /// <summary>All parameters, in registration order.</summary>
    public IEnumerable<Parameter> parameters(bool recurse = true) => named_parameters(recurse).Select(x => x.parameter);

    /// <summary>Direct submodules with their names.</summary>
    public IEnumerable<(string name, Module module)> named_children() => _modules;

    /// <summary>Direct submodules.</summary>
    public IEnumerable<Module> children() => _modules.Select(m => m.Module);

    /// <summary>Zeroes the gradients of all parameters (keeps the buffers, so no allocation).</summary>
    public void zero_grad()
    {
        foreach (var (_, p) in _parameters) p?._grad?.Span.Clear();
        foreach (var (_, m) in _modules) m.zero_grad();
    }

    /// <summary>Name → parameter tensor map (the live tensors, as PyTorch's state_dict).</summary>
    public Dictionary<string, Tensor> state_dict()
    {
        var d = new Dictionary<string, Tensor>();
        foreach (var (n, p) in named_parameters()) d[n] = p;
        return d;
    }

    /// <summary>Copies values from <paramref name="source"/> into this module's parameters, checking names and shapes.</summary>
    public (IList<string> missing_keys, IList<string> unexpected_keys) load_state_dict(IReadOnlyDictionary<string, Tensor> source, bool strict = true)
    {
        var own = named_parameters().ToList();
        var missing = own.Where(p => !source.ContainsKey(p.name)).Select(p => p.name).ToList();
        var ownNames = own.Select(p => p.name).ToHashSet();
        var unexpected = source.Keys.Where(k => !ownNames.Contains(k)).ToList();
        if (strict && (missing.Count > 0 || unexpected.Count > 0))
            throw new ArgumentException($"load_state_dict ({_name}): missing keys [{string.Join(", ", missing)}], unexpected keys [{string.Join(", ", unexpected)}]");
        foreach (var (n, p) in own)
        {
            if (!source.TryGetValue(n, out var src)) continue;
            if (!src._shape.AsSpan().SequenceEqual(p._shape))
                throw new ArgumentException($"load_state_dict ({_name}): '{n}' has shape {src.ShapeStr} in the source but {p.ShapeStr} in the module");
            src.Span.CopyTo(p.Span);
        }
        return (missing, unexpected);
    }

    /// <summary>Writes the parameters to a safetensors file; returns this.</summary>
    public Module save(string path, IReadOnlyDictionary<string, string>? metadata = null)
    {
        SafeTensors.Save(path, state_dict(), metadata);
        return this;
    }

    /// <summary>Loads parameters from a safetensors file, checking names, shapes and dtypes; returns this.</summary>
    public Module load(string path, bool strict = true)
    {
        var (tensors, _) = SafeTensors.Load(path);
        load_state_dict(tensors, strict);
        return this;
    }

    /// <summary>Releases nothing by default (parameters are managed memory).</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Override to release resources.</summary>
    protected virtual void Dispose(bool disposing) { }
}
