namespace RlFramework.Shared;

/// <summary>Argument checks with messages that name the value and what was expected.</summary>
internal static class Guard
{
    /// <summary>Largest image width or height accepted (kept from the former Cairo backend; Skia allows more).</summary>
    internal const int MaxDimension = 32767;

    /// <summary>Checks that <paramref name="value"/> is positive.</summary>
    internal static void Positive(int value, string name)
    {
        if (value <= 0)
        {
            throw new ArgumentOutOfRangeException(name, value, $"Expected {name} > 0.");
        }
    }

    /// <summary>Checks a length; <paramref name="what"/> says where the expected length comes from.</summary>
    internal static void Length(int actual, long expected, string name, string what)
    {
        if (actual != expected)
        {
            throw new ArgumentException($"{name} has length {actual}; expected {expected} ({what}).", name);
        }
    }

    /// <summary>Checks a span holds <paramref name="rows"/> rows of <paramref name="rowSize"/>; builds the message only on failure.</summary>
    internal static void Rows(int actual, int rows, int rowSize, string name)
    {
        long expected = (long)rows * rowSize;
        if (actual != expected)
        {
            throw new ArgumentException($"{name} has length {actual}; expected {expected} ({rows} rows of {rowSize}).", name);
        }
    }

    /// <summary>Checks a span holds one element per row.</summary>
    internal static void PerRow(int actual, int rows, string name)
    {
        if (actual != rows)
        {
            throw new ArgumentException($"{name} has length {actual}; expected {rows} (one per row).", name);
        }
    }

    /// <summary>Checks that actions of type <typeparamref name="TAction"/> can be stored (int, long, float or double).</summary>
    internal static void ActionType<TAction>()
    {
        Type t = typeof(TAction);
        if (t != typeof(int) && t != typeof(float) && t != typeof(long) && t != typeof(double))
        {
            throw new NotSupportedException($"Action type {t.Name} is not supported; expected int, long, float or double.");
        }
    }

    /// <summary>Checks an image size in pixels.</summary>
    internal static void Size(int width, int height, string widthName = "width", string heightName = "height")
    {
        if (width <= 0 || width > MaxDimension)
        {
            throw new ArgumentOutOfRangeException(widthName, width, $"Width must be between 1 and {MaxDimension} pixels, got {width}.");
        }

        if (height <= 0 || height > MaxDimension)
        {
            throw new ArgumentOutOfRangeException(heightName, height, $"Height must be between 1 and {MaxDimension} pixels, got {height}.");
        }
    }

    /// <summary>Checks a frame rate.</summary>
    internal static void Fps(double fps, string name = "fps")
    {
        if (!(fps > 0) || double.IsInfinity(fps))
        {
            throw new ArgumentOutOfRangeException(name, fps, $"Frames per second must be a finite number > 0, got {fps}.");
        }
    }
}
