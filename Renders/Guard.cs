namespace RlFramework.Renders;

/// <summary>Argument checks with messages that name the value and what was expected.</summary>
internal static class Guard
{
    /// <summary>Largest width or height accepted (kept from the former Cairo backend; Skia allows more).</summary>
    internal const int MaxDimension = 32767;

    /// <summary>Checks an image size.</summary>
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

    /// <summary>Checks that a frame has the expected size.</summary>
    internal static void SameSize(Frame frame, int width, int height, string what)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (frame.Width != width || frame.Height != height)
        {
            throw new ArgumentException($"Frame is {frame.Width}×{frame.Height} but {what} is {width}×{height}.", nameof(frame));
        }
    }
}
