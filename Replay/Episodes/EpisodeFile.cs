namespace RlFramework.Replay.Episodes;

/// <summary>Constants of the episode file format (see docs/episode-format.md).</summary>
public static class EpisodeFile
{
    /// <summary>The "format" string of the header object.</summary>
    public const string Format = "rlframework.episodes";

    /// <summary>The format version written by this build.</summary>
    public const int Version = 1;

    /// <summary>The header's <c>"compression"</c> value when each episode is LZ4-compressed (MessagePack-CSharp's Lz4BlockArray).</summary>
    public const string Lz4 = "lz4";
}
