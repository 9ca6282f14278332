using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Dendra.Render.Native;
using Silk.NET.OpenGL;

namespace Dendra.Render.Live;

/// <summary>
/// A GLFW window with an OpenGL 3.3 core context, current on the thread that created it. Key presses and mouse
/// input are queued by GLFW's callbacks and read by the render loop.
/// </summary>
internal sealed unsafe class Window : IDisposable
{
    private static readonly ConcurrentDictionary<nint, Window> OpenWindows = new();
    private readonly ConcurrentQueue<Key> _keys = new();
    private nint _handle;

    private Window(nint handle, GL gl)
    {
        _handle = handle;
        Gl = gl;
    }

    /// <summary>The OpenGL functions of the window's context.</summary>
    public GL Gl { get; }

    /// <summary>True once the user closed the window (or <see cref="Close"/> was called).</summary>
    public bool ShouldClose => Glfw.WindowShouldClose(_handle) != 0;

    /// <summary>True while the left mouse button is held.</summary>
    public bool MouseDown { get; private set; }

    /// <summary>The cursor position in framebuffer pixels.</summary>
    public (double X, double Y) Cursor
    {
        get
        {
            Glfw.GetCursorPos(_handle, out var x, out var y);
            Glfw.GetWindowSize(_handle, out var ww, out var wh);
            var (fw, fh) = FramebufferSize;
            return ww > 0 && wh > 0 ? (x * fw / ww, y * fh / wh) : (x, y);
        }
    }

    /// <summary>The drawable size in pixels.</summary>
    public (int Width, int Height) FramebufferSize
    {
        get
        {
            Glfw.GetFramebufferSize(_handle, out var w, out var h);
            return (w, h);
        }
    }

    /// <summary>Opens a window of <paramref name="width"/> × <paramref name="height"/> titled <paramref name="title"/>.</summary>
    /// <exception cref="RenderException">No display, GLFW missing, or no OpenGL 3.3 context.</exception>
    public static Window Open(int width, int height, string title)
    {
        if (!Display.Available)
            throw new RenderException("there is no display (DISPLAY is not set), so no window can open; render offscreen instead: --offscreen --mp4 run.mp4 or --frames DIR");
        GlfwLibrary.Acquire();
        Glfw.WindowHint(Glfw.ContextVersionMajor, 3);
        Glfw.WindowHint(Glfw.ContextVersionMinor, 3);
        Glfw.WindowHint(Glfw.OpenGlProfile, Glfw.OpenGlCoreProfile);
        Glfw.WindowHint(Glfw.OpenGlForwardCompat, Glfw.True);
        Glfw.WindowHint(Glfw.Resizable, Glfw.True);
        var handle = Glfw.CreateWindow(width, height, title, 0, 0);
        if (handle == 0)
        {
            var error = Glfw.LastError() ?? "unknown error";
            GlfwLibrary.Release();
            throw new RenderException($"could not open a window with an OpenGL 3.3 core context: {error}");
        }
        Glfw.MakeContextCurrent(handle);
        Glfw.SwapInterval(0);
        var window = new Window(handle, GL.GetApi(Glfw.GetProcAddress));
        OpenWindows[handle] = window;
        Glfw.SetKeyCallback(handle, &OnKey);
        Glfw.SetMouseButtonCallback(handle, &OnMouseButton);
        return window;
    }

    /// <summary>Handles pending input events.</summary>
    public static void PollEvents() => Glfw.PollEvents();

    /// <summary>The next key pressed since the last call, if any.</summary>
    public bool TryReadKey(out Key key) => _keys.TryDequeue(out key);

    /// <summary>Shows what was drawn.</summary>
    public void SwapBuffers() => Glfw.SwapBuffers(_handle);

    /// <summary>Sets the title bar text.</summary>
    public void SetTitle(string title) => Glfw.SetWindowTitle(_handle, title);

    /// <summary>Asks the window to close.</summary>
    public void Close() => Glfw.SetWindowShouldClose(_handle, Glfw.True);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnKey(nint handle, int key, int scancode, int action, int mods)
    {
        if ((action == Glfw.Press || action == Glfw.Repeat) && OpenWindows.TryGetValue(handle, out var window)) window._keys.Enqueue((Key)key);
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnMouseButton(nint handle, int button, int action, int mods)
    {
        if (button == Glfw.MouseButtonLeft && OpenWindows.TryGetValue(handle, out var window)) window.MouseDown = action == Glfw.Press;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_handle == 0) return;
        OpenWindows.TryRemove(_handle, out _);
        Gl.Dispose();
        Glfw.DestroyWindow(_handle);
        _handle = 0;
        GlfwLibrary.Release();
    }
}
