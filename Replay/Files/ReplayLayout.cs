namespace RlFramework.Replay.Files;

/// <summary>
/// The shape a replay file declares: its format version, capacity, observation and action sizes and extra fields.
/// For a version-1 file read with former action extras, <see cref="ActionSize"/> is the action without them.
/// </summary>
internal readonly record struct ReplayLayout(int Version, int Capacity, int ObservationSize, int ActionSize, string[] ExtraFields);
