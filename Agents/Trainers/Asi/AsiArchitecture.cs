namespace RlFramework.Agents.Trainers.Asi;

/// <summary>The layout of the feature stack of <see cref="DynamicsModel"/> (the paper's variants; their exact strides and dilations are ours).</summary>
public enum AsiArchitecture
{
    /// <summary>Five stride-1 convs (5×5, 5×5, 5×5, 7×7, 5×5) at full resolution.</summary>
    Plain,

    /// <summary>
    /// "f-strided" (the paper's Room Runner model): the first 5×5 conv has stride 2, the 5×5, 5×5, 7×7 convs run at half
    /// resolution (a quarter of the cost), and the last layer is a 5×5 transposed conv of stride 2 back to full resolution.
    /// </summary>
    Strided,

    /// <summary>"f-dilated" (the paper's Funnel Board model): the second to fourth convs have dilation 2 (a view about twice as wide at the same cost).</summary>
    Dilated,
}
