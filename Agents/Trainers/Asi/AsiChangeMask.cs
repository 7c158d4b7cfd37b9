namespace RlFramework.Agents.Trainers.Asi;

/// <summary>Which pixels of a link's target the change-weighted loss (<see cref="AsiConfig.ChangeWeight"/>) weights.</summary>
public enum AsiChangeMask
{
    /// <summary>The pixels where the target differs from the ground-truth frame the link starts at.</summary>
    GroundTruth,

    /// <summary>
    /// Those, and also the pixels where the target differs from the input the model was actually given (its own
    /// prediction when scheduled sampling fed it back) by more than <see cref="AsiConfig.InputChangeThreshold"/>: a
    /// runner the input lost, or stray colour it drew, is weighted even where the ground truth did not change.
    /// </summary>
    Union,

    /// <summary>
    /// Those of <see cref="GroundTruth"/>, and also the pixels where the prediction itself differs from that start frame
    /// by more than <see cref="AsiConfig.InputChangeThreshold"/>: a change the model claims (green drawn at a door the
    /// runner is not at) costs as much as a change it misses, so spreading "maybe" over every place the object could
    /// be no longer pays.
    /// </summary>
    Claimed,
}
