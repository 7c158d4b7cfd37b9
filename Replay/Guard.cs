namespace RlFramework.Replay;

/// <summary>Argument checks with messages that name the value and what was expected.</summary>
internal static class Guard
{
    public static void Positive(int value, string name)
    {
        if (value <= 0)
        {
            throw new ArgumentOutOfRangeException(name, value, $"Expected {name} > 0.");
        }
    }

    public static void Length(int actual, long expected, string name, string what)
    {
        if (actual != expected)
        {
            throw new ArgumentException($"{name} has length {actual}; expected {expected} ({what}).", name);
        }
    }

    /// <summary>Checks a span holds <paramref name="rows"/> rows of <paramref name="rowSize"/>; builds the message only on failure.</summary>
    public static void Rows(int actual, int rows, int rowSize, string name)
    {
        long expected = (long)rows * rowSize;
        if (actual != expected)
        {
            throw new ArgumentException($"{name} has length {actual}; expected {expected} ({rows} rows of {rowSize}).", name);
        }
    }

    /// <summary>Checks a span holds one element per row.</summary>
    public static void PerRow(int actual, int rows, string name)
    {
        if (actual != rows)
        {
            throw new ArgumentException($"{name} has length {actual}; expected {rows} (one per row).", name);
        }
    }

    public static void ActionType<TAction>()
    {
        Type t = typeof(TAction);
        if (t != typeof(int) && t != typeof(float) && t != typeof(long) && t != typeof(double))
        {
            throw new NotSupportedException($"Action type {t.Name} is not supported; expected int, long, float or double.");
        }
    }
}
