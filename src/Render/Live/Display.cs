namespace Dendra.Render.Live;

/// <summary>Whether a window can open here.</summary>
public static class Display
{
    /// <summary>True when a display server is named (<c>DISPLAY</c> or <c>WAYLAND_DISPLAY</c> is set).</summary>
    public static bool Available =>
        !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DISPLAY")) || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("WAYLAND_DISPLAY"));
}
