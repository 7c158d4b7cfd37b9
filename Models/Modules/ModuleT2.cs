namespace RlFramework.Models.Modules;

/// <summary>A module with two inputs and one result.</summary>
public abstract class Module<T1, T2, TResult> : Module
{
    /// <summary>Creates a module with a type name.</summary>
    protected Module(string name) : base(name) { }

    /// <summary>Computes the module's output.</summary>
    public abstract TResult forward(T1 input1, T2 input2);

    /// <summary>Same as <see cref="forward"/>.</summary>
    public TResult call(T1 input1, T2 input2) => forward(input1, input2);
}
