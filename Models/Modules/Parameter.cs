namespace RlFramework.Models.Modules;

/// <summary>A trainable tensor owned by a module (requires grad by default, never pooled or scope-disposed).</summary>
public sealed class Parameter : Tensor
{
    /// <summary>Wraps a copy of <paramref name="data"/> as a parameter.</summary>
    public Parameter(Tensor data, bool requires_grad = true)
        : base(data.Span.ToArray(), 0, (int[])data._shape.Clone(), owner: false, register: false)
    {
        _requiresGrad = requires_grad;
    }

    internal Parameter(int[] shape, bool requires_grad = true)
        : base(new float[Numel(shape)], 0, shape, owner: false, register: false)
    {
        _requiresGrad = requires_grad;
    }
}
