namespace RlFramework.Models.Autograd;

/// <summary>Backward function of one recorded op: receives the gradient of the op's output.</summary>
internal delegate void BackwardFn(float[] gradOutput);

/// <summary>One node of the gradient tape: the op's name, its inputs and its backward function.</summary>
internal sealed class GradNode(string name, Tensor[] inputs, BackwardFn fn)
{
    /// <summary>Name of the op that produced the tensor (used in errors and anomaly reports).</summary>
    public readonly string Name = name;

    /// <summary>Inputs of the op, cleared once the graph has been freed by a backward pass.</summary>
    public Tensor[] Inputs = inputs;

    /// <summary>Backward function, null once freed.</summary>
    public BackwardFn? Fn = fn;

    /// <summary>Whether a backward pass has already run through and freed this node.</summary>
    public bool Released => Fn is null;

    /// <summary>Frees the saved tensors (as PyTorch does after backward without retain_graph).</summary>
    public void Release()
    {
        Fn = null;
        Inputs = [];
    }
}
