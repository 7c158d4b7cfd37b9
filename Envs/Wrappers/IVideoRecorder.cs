namespace RlFramework.Envs.Wrappers;

/// <summary>The type-erased view of a <see cref="RecordVideo{TObs, TAct}"/>: an env that writes videos.</summary>
public interface IVideoRecorder : IEnv
{
    /// <summary>The paths of the finished videos, in order.</summary>
    IReadOnlyList<string> Videos { get; }

    /// <summary>True while a video is being recorded.</summary>
    bool IsRecording { get; }

    /// <summary>Ends the current video (if any) and writes its file.</summary>
    void StopRecording();
}
