using System.Runtime.InteropServices;

namespace Dendra.Tests;

/// <summary>
/// Whether the window tests can open windows: on a virtual X display of their own, which needs Xvfb (Debian's
/// <c>xvfb</c>), and through GLFW (<c>libglfw3</c>). See <see cref="Prerequisite"/> for what happens when either is
/// missing.
/// </summary>
internal static class XvfbDisplay
{
    private static readonly Lazy<string?> Missing = new(FindMissing);

    /// <summary>Skips the calling test (fails it on CI) when Xvfb or GLFW is missing.</summary>
    public static void Require() => Prerequisite.Require(Missing.Value);

    private static string? FindMissing()
    {
        if (!ProgramsOnPath.Has("Xvfb")) return "display: Xvfb is not installed (no Xvfb on PATH); install xvfb";
        if (!NativeLibrary.TryLoad("libglfw.so.3", out var glfw)) return "display: GLFW is not installed (no libglfw.so.3); install libglfw3";
        NativeLibrary.Free(glfw);
        return null;
    }
}
