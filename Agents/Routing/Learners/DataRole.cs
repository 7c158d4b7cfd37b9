using RlFramework.Models.Routing;

namespace RlFramework.Agents.Routing.Learners;

/// <summary>Which loss a training sample feeds when the data is split between modules and router.</summary>
public enum DataRole
{
    /// <summary>Both the module loss and the router loss (no split).</summary>
    Both,
    /// <summary>The module loss only.</summary>
    Modules,
    /// <summary>The router loss only.</summary>
    Router,
}
