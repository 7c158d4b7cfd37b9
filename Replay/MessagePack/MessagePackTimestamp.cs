namespace RlFramework.Replay.MessagePack;

/// <summary>A MessagePack timestamp (extension type -1): seconds since the Unix epoch plus nanoseconds.</summary>
public readonly record struct MessagePackTimestamp
{
    /// <summary>Creates a timestamp; <paramref name="nanoseconds"/> must be below 1,000,000,000.</summary>
    public MessagePackTimestamp(long seconds, uint nanoseconds)
    {
        if (nanoseconds > 999_999_999)
        {
            throw new ArgumentOutOfRangeException(nameof(nanoseconds), nanoseconds, "Expected nanoseconds in [0, 999999999].");
        }

        Seconds = seconds;
        Nanoseconds = nanoseconds;
    }

    /// <summary>Whole seconds since 1970-01-01T00:00:00Z (may be negative).</summary>
    public long Seconds { get; }

    /// <summary>Nanoseconds within the second, in [0, 999999999].</summary>
    public uint Nanoseconds { get; }

    /// <summary>The MessagePack extension type code of timestamps.</summary>
    public const sbyte ExtensionType = -1;

    /// <summary>Converts from a <see cref="DateTimeOffset"/> (100 ns resolution).</summary>
    public static MessagePackTimestamp FromDateTimeOffset(DateTimeOffset value)
    {
        long ticks = value.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        long seconds = Math.DivRem(ticks, TimeSpan.TicksPerSecond, out long rem);
        if (rem < 0)
        {
            seconds--;
            rem += TimeSpan.TicksPerSecond;
        }

        return new MessagePackTimestamp(seconds, (uint)(rem * 100));
    }

    /// <summary>Converts to a <see cref="DateTimeOffset"/> (truncated to 100 ns).</summary>
    public DateTimeOffset ToDateTimeOffset() =>
        DateTimeOffset.UnixEpoch.AddTicks(checked(Seconds * TimeSpan.TicksPerSecond) + Nanoseconds / 100);
}
