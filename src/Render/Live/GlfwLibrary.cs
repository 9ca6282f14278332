using Dendra.Render.Native;

namespace Dendra.Render.Live;

/// <summary>
/// GLFW's one process-wide initialization, shared by every open window. <c>glfwTerminate</c> destroys every window in
/// the process, so each window holds a reference and the last one closed terminates GLFW.
/// </summary>
internal static class GlfwLibrary
{
    private static readonly SharedInitialization<bool> Shared = new(Start, _ => Glfw.Terminate());

    /// <summary>Initializes GLFW if no window holds it yet; pair every call with one <see cref="Release"/>.</summary>
    /// <exception cref="RenderException">GLFW is missing or could not start.</exception>
    public static void Acquire() => Shared.Acquire();

    /// <summary>Gives back one reference; the last terminates GLFW.</summary>
    public static void Release() => Shared.Release();

    private static bool Start()
    {
        NativeLibraries.Require(NativeLibraries.Glfw);
        if (Glfw.Init() == 0) throw new RenderException($"GLFW could not start: {Glfw.LastError() ?? "unknown error"}");
        return true;
    }
}
