using MessagePack;

namespace RlFramework.Replay.Files;

/// <summary>Writes the fields of a file's top-level map.</summary>
internal delegate void WriteFields(ref MessagePackWriter writer);
