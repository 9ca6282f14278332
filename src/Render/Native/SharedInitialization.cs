namespace Dendra.Render.Native;

/// <summary>
/// A native library's process-wide initialization shared by several users (windows, headless contexts): the first
/// <see cref="Acquire"/> starts it and the last <see cref="Release"/> ends it. Libraries such as EGL and GLFW end
/// everything at once on termination, including what other threads are still using, so no single user may end it.
/// </summary>
/// <typeparam name="T">What starting yields (a display handle, say).</typeparam>
internal sealed class SharedInitialization<T>(Func<T> start, Action<T> end)
{
    private readonly Lock _gate = new();
    private T _value = default!;
    private int _holders;

    /// <summary>Starts the library if nobody holds it yet; pair every call with one <see cref="Release"/>.</summary>
    public T Acquire()
    {
        lock (_gate)
        {
            if (_holders == 0) _value = start();
            _holders++;
            return _value;
        }
    }

    /// <summary>Gives back one reference; the last ends the library.</summary>
    public void Release()
    {
        lock (_gate)
        {
            if (--_holders == 0) end(_value);
        }
    }
}
