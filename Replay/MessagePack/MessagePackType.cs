namespace RlFramework.Replay.MessagePack;

/// <summary>The family of a MessagePack value, as announced by its first byte.</summary>
public enum MessagePackType
{
    /// <summary>The nil value (0xc0).</summary>
    Nil,
    /// <summary>true or false (0xc2, 0xc3).</summary>
    Boolean,
    /// <summary>A signed or unsigned integer (fixint, uint8..64, int8..64).</summary>
    Integer,
    /// <summary>A float32 or float64 number.</summary>
    Float,
    /// <summary>A UTF-8 string (fixstr, str8/16/32).</summary>
    String,
    /// <summary>A byte array (bin8/16/32).</summary>
    Binary,
    /// <summary>An array (fixarray, array16/32).</summary>
    Array,
    /// <summary>A map (fixmap, map16/32).</summary>
    Map,
    /// <summary>An extension value (fixext, ext8/16/32); timestamps are extension type -1.</summary>
    Extension,
}
