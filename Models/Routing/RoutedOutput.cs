namespace RlFramework.Models.Routing;

/// <summary>A routed forward pass: the network output, the routes taken and the router's decisions depth by depth.</summary>
/// <param name="Output">The network output [B, ...].</param>
/// <param name="Trajectory">The route of every sample.</param>
/// <param name="Decisions">The decisions of each depth (for the router's loss).</param>
public sealed record RoutedOutput(Tensor Output, RoutingTrajectory Trajectory, IReadOnlyList<RouterDecisions> Decisions);
