namespace RlFramework.Models.Modules;

/// <summary>A module with one input and one result, called through <see cref="forward"/> (or <see cref="call"/>).</summary>
public abstract class Module<T, TResult> : Module
{
    /// <summary>Creates a module with a type name.</summary>
    protected Module(string name) : base(name) { }

    /// <summary>Computes the module's output.</summary>
    public abstract TResult forward(T input);

    /// <summary>Same as <see cref="forward"/>.</summary>
    public TResult call(T input) => forward(input);
}
