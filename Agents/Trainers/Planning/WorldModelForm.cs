namespace RlFramework.Agents.Trainers.Planning;

/// <summary>How the world model's successor layer keeps each column (s, a) a distribution over next states.</summary>
public enum WorldModelForm
{
    /// <summary>Free logits per column, P(·|s, a) = softmax(W[s, a, ·]); learned by SGD on −log P(s'|s, a).</summary>
    Softmax,
    /// <summary>
    /// The paper's form: the linear layer's weights are the distribution, P(·|s, a) = W[s, a, ·], projected onto the
    /// probability simplex after every update; learned by projected SGD on ½‖W[s, a, ·] − onehot(s')‖².
    /// </summary>
    SimplexProjection,
}
