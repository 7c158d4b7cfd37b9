namespace RlFramework.Agents.Routing.Learners;

/// <summary>The optimizer of a routing network's modules and router (one instance each, stepped together).</summary>
public enum RoutingOptimizer
{
    /// <summary>Plain SGD (the default: adaptive optimizers mix statistics across routes).</summary>
    Sgd,
    /// <summary>Adam with PyTorch's defaults.</summary>
    Adam,
}
