namespace RlFramework.Models.Routing;

/// <summary>The router's decisions at one depth for the samples still being routed there.</summary>
/// <param name="Depth">The routed depth, from 0.</param>
/// <param name="Rows">The batch rows (samples) decided on, ascending.</param>
/// <param name="Outputs">The router's outputs for those rows [n, Heads·Actions], in the router's graph.</param>
/// <param name="Actions">The action chosen for each row.</param>
/// <param name="BehaviourProbabilities">The probability with which the acting policy chose each action (1 when greedy).</param>
/// <param name="Exploratory">Whether each choice was exploratory (not the greedy action).</param>
public sealed record RouterDecisions(int Depth, int[] Rows, Tensor Outputs, int[] Actions, float[] BehaviourProbabilities, bool[] Exploratory);
