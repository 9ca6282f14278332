using System.Reflection;
using System.Runtime.InteropServices;

namespace Dendra.Render.Native;

/// <summary>
/// Finds the system's GLFW and EGL (Debian's <c>libglfw3</c> and <c>libegl1</c>) under their versioned file names,
/// which the loader would not try for a bare <c>glfw</c> or <c>EGL</c>, and names the package when one is missing.
/// </summary>
internal static class NativeLibraries
{
    /// <summary>The name GLFW's imports use.</summary>
    public const string Glfw = "glfw";

    /// <summary>The name EGL's imports use.</summary>
    public const string Egl = "EGL";

    private static readonly Dictionary<string, string[]> Candidates = new(StringComparer.Ordinal)
    {
        [Glfw] = ["libglfw.so.3", "libglfw.so", "libglfw.3.dylib", "glfw3.dll"],
        [Egl] = ["libEGL.so.1", "libEGL.so", "libEGL.dll"],
    };

    private static readonly Lock RegisterGate = new();
    private static bool s_registered;

    /// <summary>
    /// Installs the resolver (once per process) before the first native call. A lock rather than a flag set first:
    /// a second thread must not go on to a native call before the first has installed the resolver.
    /// </summary>
    public static void Register()
    {
        lock (RegisterGate)
        {
            if (s_registered) return;
            NativeLibrary.SetDllImportResolver(typeof(NativeLibraries).Assembly, Resolve);
            s_registered = true;
        }
    }

    /// <summary>Loads <paramref name="name"/> now, or throws a <see cref="RenderException"/> that names the package providing it.</summary>
    public static void Require(string name)
    {
        Register();
        if (TryLoad(name, out _)) return;
        var looked = Overrides.TryGetValue(name, out var variable) && Environment.GetEnvironmentVariable(variable) is { Length: > 0 } path
            ? $"{path}, from {variable}"
            : string.Join(", ", Candidates[name]);
        throw new RenderException(name == Glfw
            ? $"GLFW is not installed (looked for {looked}): the window needs it. On Debian or Ubuntu: apt-get install libglfw3"
            : $"EGL is not installed (looked for {looked}): offscreen rendering needs it. On Debian or Ubuntu: apt-get install libegl1 libegl-mesa0 libgl1-mesa-dri");
    }

    private static nint Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath) =>
        TryLoad(name, out var handle) ? handle : 0;

    /// <summary>Environment variables that name a library file to use instead of searching (e.g. a GLFW built by hand).</summary>
    private static readonly Dictionary<string, string> Overrides = new(StringComparer.Ordinal)
    {
        [Glfw] = "DENDRA_GLFW_LIBRARY",
        [Egl] = "DENDRA_EGL_LIBRARY",
    };

    private static bool TryLoad(string name, out nint handle)
    {
        handle = 0;
        if (Overrides.TryGetValue(name, out var variable) && Environment.GetEnvironmentVariable(variable) is { Length: > 0 } path)
            return NativeLibrary.TryLoad(path, out handle);
        if (!Candidates.TryGetValue(name, out var files)) return false;
        foreach (var file in files)
            if (NativeLibrary.TryLoad(file, out handle)) return true;
        return false;
    }
}
