using Dendra.Render.Native;

namespace Dendra.Render.Live;

/// <summary>
/// GLFW's one process-wide initialization, shared by every open window. <c>glfwTerminate</c> destroys every window in
/// the process, so each window holds a reference and the last one closed terminates GLFW.
/// </summary>
internal static class GlfwLibrary
{
    private static readonly Lock Gate = new();
    private static int _holders;

    /// <summary>Initializes GLFW if no window holds it yet; pair every call with one <see cref="Release"/>.</summary>
    /// <exception cref="RenderException">GLFW is missing or could not start.</exception>
    public static void Acquire()
    {
        lock (Gate)
        {
            if (_holders == 0)
            {
                NativeLibraries.Require(NativeLibraries.Glfw);
                if (Glfw.Init() == 0) throw new RenderException($"GLFW could not start: {Glfw.LastError() ?? "unknown error"}");
            }
            _holders++;
        }
    }

    /// <summary>Gives back one reference; the last terminates GLFW.</summary>
    public static void Release()
    {
        lock (Gate)
        {
            if (--_holders == 0)
                Glfw.Terminate();
        }
    }
}
