using RlFramework.Models.Routing;

namespace RlFramework.Agents.Routing.Learners;

/// <summary>What one joint training step of a routing network did.</summary>
/// <param name="Loss">The mean per-sample loss (before module weighting).</param>
/// <param name="RouterLoss">The router's loss.</param>
/// <param name="FinalReward">The mean final reward r_f.</param>
/// <param name="Epsilon">The router's exploration rate in force.</param>
/// <param name="Trajectory">The routes the batch took.</param>
public sealed record RoutingStepResult(double Loss, double RouterLoss, double FinalReward, double Epsilon, RoutingTrajectory Trajectory);
