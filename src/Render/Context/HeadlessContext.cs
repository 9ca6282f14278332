using System.Runtime.InteropServices;
using Dendra.Render.Native;
using Silk.NET.OpenGL;

namespace Dendra.Render.Context;

/// <summary>
/// An OpenGL 3.3 core context with no window and no display server (EGL on Mesa's surfaceless platform; llvmpipe
/// when there is no GPU), on the display all such contexts share. Offscreen rendering draws into a framebuffer object
/// of its own on this context. The context belongs to the thread that created it.
/// </summary>
internal sealed class HeadlessContext : IDisposable
{
    private readonly nint _display;
    private readonly nint _context;
    private bool _disposed;

    private HeadlessContext(nint display, nint context, GL gl)
    {
        _display = display;
        _context = context;
        Gl = gl;
    }

    /// <summary>The OpenGL functions of this context.</summary>
    public GL Gl { get; }

    /// <summary>Creates the context and makes it current on this thread.</summary>
    public static HeadlessContext Create()
    {
        var display = SurfacelessDisplay.Acquire();
        try
        {
            if (Egl.BindApi(Egl.OpenGlApi) == 0)
                throw new RenderException($"EGL cannot bind desktop OpenGL (EGL error 0x{Egl.GetError():X})");
            // EGL_SURFACE_TYPE defaults to window surfaces, which a surfaceless display has none of.
            int[] configAttributes = [Egl.SurfaceType, Egl.PbufferBit, Egl.RenderableType, Egl.OpenGlBit, Egl.None];
            if (Egl.ChooseConfig(display, configAttributes, out var config, 1, out var count) == 0 || count == 0)
                throw new RenderException($"EGL offers no OpenGL configuration (EGL error 0x{Egl.GetError():X})");
            int[] contextAttributes =
            [
                Egl.ContextMajorVersion, 3, Egl.ContextMinorVersion, 3,
                Egl.ContextOpenGlProfileMask, Egl.ContextOpenGlCoreProfileBit, Egl.None,
            ];
            var context = Egl.CreateContext(display, config, 0, contextAttributes);
            if (context == 0)
                throw new RenderException($"EGL could not create an OpenGL 3.3 core context (EGL error 0x{Egl.GetError():X}); Dendra's renderer needs OpenGL 3.3");
            if (Egl.MakeCurrent(display, 0, 0, context) == 0)
            {
                Egl.DestroyContext(display, context);
                throw new RenderException($"EGL could not make the context current without a surface (EGL error 0x{Egl.GetError():X})");
            }
            var gl = GL.GetApi(Egl.GetProcAddress);
            return new HeadlessContext(display, context, gl);
        }
        catch
        {
            SurfacelessDisplay.Release();
            throw;
        }
    }

    /// <summary>The renderer string of the driver (e.g. "llvmpipe (LLVM 15.0.6, 256 bits)").</summary>
    public unsafe string Renderer => Marshal.PtrToStringUTF8((nint)Gl.GetString(StringName.Renderer)) ?? "unknown";

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        Gl.Dispose();
        Egl.MakeCurrent(_display, 0, 0, 0);
        Egl.DestroyContext(_display, _context);
        SurfacelessDisplay.Release();
    }
}
