using Dendra.Render.Native;

namespace Dendra.Render.Context;

/// <summary>
/// The process's surfaceless EGL display, shared by every headless context. EGL hands out one display per platform
/// and process, and <c>eglTerminate</c> ends it for every context on it, including those other threads are
/// drawing with; so each context holds a reference and the last one released terminates the display.
/// </summary>
internal static class SurfacelessDisplay
{
    private static readonly SharedInitialization<nint> Shared = new(Open, display => Egl.Terminate(display));

    /// <summary>The initialized display; pair every call with one <see cref="Release"/>.</summary>
    /// <exception cref="RenderException">EGL is missing or has no surfaceless display.</exception>
    public static nint Acquire() => Shared.Acquire();

    /// <summary>Gives back one reference; the last terminates the display.</summary>
    public static void Release() => Shared.Release();

    private static nint Open()
    {
        NativeLibraries.Require(NativeLibraries.Egl);
        var display = Egl.GetPlatformDisplay(Egl.PlatformSurfacelessMesa, 0, 0);
        if (display == 0)
            throw new RenderException($"EGL has no surfaceless display (EGL error 0x{Egl.GetError():X}): offscreen rendering needs Mesa's EGL. On Debian or Ubuntu: apt-get install libegl-mesa0 libgl1-mesa-dri");
        if (Egl.Initialize(display, out _, out _) == 0)
            throw new RenderException($"EGL could not be initialized (EGL error 0x{Egl.GetError():X}); is libegl-mesa0 installed?");
        return display;
    }
}
