namespace RlFramework.Agents.Trainers.Asi;

/// <summary>The layout of the feature stack of <see cref="DynamicsModel"/>: the three of the authors' code (f_simple, f_strided, f_dilated).</summary>
public enum AsiArchitecture
{
    /// <summary>Five stride-1 convs (5×5, 5×5, 5×5, 7×7, 5×5) at full resolution (f_simple).</summary>
    Plain,

    /// <summary>
    /// "f-strided" (the paper's Room Runner model): 5×5 convs, the second of stride 2, the third at half resolution, then a
    /// 5×5 transposed conv of stride 2 back to full resolution and a last 5×5 conv there (about a third of the plain
    /// layout's cost).
    /// </summary>
    Strided,

    /// <summary>"f-dilated" (the paper's Funnel Board model): the plain layout with the 7×7 conv dilated by 2 (a wider view at the same cost).</summary>
    Dilated,
}
