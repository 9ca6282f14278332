using System.Runtime.InteropServices;
using Dendra.Simulator.Backends.OpenCl;

namespace Dendra.Tests;

/// <summary>
/// Whether OpenCL runs here: the ICD loader (Debian's <c>ocl-icd-libopencl1</c>) and a driver with a device (any; CI
/// installs PoCL, <c>pocl-opencl-icd</c>, which runs on the CPU). Tests of the OpenCL backend call
/// <see cref="Require"/> first; see <see cref="Prerequisite"/> for what happens when it is missing.
/// </summary>
internal static class OpenClDriver
{
    private static readonly Lazy<string?> Missing = new(FindMissing);
    private static readonly Lazy<string?> PoclMissing = new(FindPoclMissing);

    /// <summary>Skips the calling test (fails it on CI) when OpenCL has no device here.</summary>
    public static void Require() => Prerequisite.Require(Missing.Value);

    /// <summary>Skips the calling test (fails it on CI) when PoCL in particular is not installed: for tests that check
    /// what PoCL reports (its name, its float64 support).</summary>
    public static void RequirePocl() => Prerequisite.Require(Missing.Value ?? PoclMissing.Value);

    private static string? FindMissing()
    {
        try
        {
            return OpenClDevices.List().Count > 0 ? null : "OpenCL: no device; install pocl-opencl-icd";
        }
        catch (OpenClException)
        {
            if (!NativeLibrary.TryLoad("libOpenCL.so.1", out var loader))
                return "OpenCL: no ICD loader (libOpenCL.so.1); install ocl-icd-libopencl1 pocl-opencl-icd";
            NativeLibrary.Free(loader);
            return "OpenCL: no driver; install pocl-opencl-icd";
        }
    }

    private static string? FindPoclMissing() =>
        OpenClDevices.List().Any(d => d.PlatformVendor.Contains("pocl", StringComparison.OrdinalIgnoreCase))
            ? null
            : "OpenCL: PoCL is not installed (another driver is); install pocl-opencl-icd";
}
