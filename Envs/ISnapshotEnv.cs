namespace RlFramework.Envs;

/// <summary>An env whose whole dynamic state (wrappers included) can be captured and restored, for exact resumes.</summary>
public interface ISnapshotEnv
{
    /// <summary>Writes the env's state into <paramref name="snapshot"/>.</summary>
    void SaveState(EnvSnapshot snapshot);

    /// <summary>Restores the state written by <see cref="SaveState"/> on an env built the same way.</summary>
    void LoadState(EnvSnapshot snapshot);
}
