namespace RlFramework.Replay;

/// <summary>How <see cref="SequenceReplayBuffer{TAction}.SampleWindows(SequenceBatch{TAction}, WindowStart)"/> picks window start points.</summary>
public enum WindowStart
{
    /// <summary>
    /// Uniform over all windows that fit inside an episode (start in [0, length - L]); an episode shorter than the
    /// window length L contributes one window starting at 0, padded at the end. Padding only occurs for short episodes.
    /// </summary>
    FullWindows,

    /// <summary>Uniform over all stored steps: any step may start a window; windows running past the episode end are padded.</summary>
    AnyStep,
}
