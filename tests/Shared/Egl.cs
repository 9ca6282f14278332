using System.Runtime.InteropServices;

namespace Dendra.Tests;

/// <summary>
/// Whether offscreen OpenGL can run here: EGL (Debian's <c>libegl1</c>, the GLVND dispatcher) with a vendor library
/// registered for it (<c>libegl-mesa0</c>, whose surfaceless platform renders with <c>libgl1-mesa-dri</c>'s llvmpipe).
/// Tested by what is installed, not by making a context: a context that Dendra fails to make is a failure to report,
/// not a reason to skip. See <see cref="Prerequisite"/> for what happens when EGL is missing.
/// </summary>
internal static class Egl
{
    /// <summary>Where GLVND looks for EGL vendor files (<c>*.json</c>) unless told otherwise.</summary>
    private static readonly string[] VendorFolders = ["/etc/glvnd/egl_vendor.d", "/usr/share/glvnd/egl_vendor.d"];

    private static readonly Lazy<string?> Missing = new(FindMissing);

    /// <summary>Skips the calling test (fails it on CI) when EGL or its vendor library is missing.</summary>
    public static void Require() => Prerequisite.Require(Missing.Value);

    private static string? FindMissing()
    {
        if (!NativeLibrary.TryLoad("libEGL.so.1", out var egl))
            return "EGL: not installed (no libEGL.so.1); install libegl1 libegl-mesa0 libgl1-mesa-dri";
        NativeLibrary.Free(egl);
        bool overridden = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("__EGL_VENDOR_LIBRARY_FILENAMES"))
            || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("__EGL_VENDOR_LIBRARY_DIRS"));
        bool vendor = VendorFolders.Any(folder => Directory.Exists(folder) && Directory.EnumerateFiles(folder, "*.json").Any());
        return overridden || vendor ? null : "EGL: no vendor library (no file in /usr/share/glvnd/egl_vendor.d); install libegl-mesa0 libgl1-mesa-dri";
    }
}
