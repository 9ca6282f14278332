namespace Dendra.Simulator.Backends.OpenCl;

/// <summary>What kind of processor an OpenCL device is.</summary>
public enum OpenClDeviceType
{
    /// <summary>A CPU (for example PoCL's pthread device).</summary>
    Cpu,
    /// <summary>A GPU.</summary>
    Gpu,
    /// <summary>An accelerator (FPGA, DSP…).</summary>
    Accelerator,
    /// <summary>Anything else the driver reports.</summary>
    Other,
}

/// <summary>One OpenCL device, as <see cref="OpenClDevices.List"/> finds it.</summary>
/// <param name="Index">Position in the list of all devices of all platforms (what <c>--device N</c> selects).</param>
/// <param name="Platform">Platform name, e.g. "Portable Computing Language".</param>
/// <param name="Name">Device name.</param>
/// <param name="Vendor">Device vendor.</param>
/// <param name="Type">CPU, GPU or accelerator.</param>
/// <param name="ComputeUnits">Parallel compute units.</param>
/// <param name="GlobalMemoryBytes">Global memory in bytes.</param>
/// <param name="MaxAllocationBytes">Largest single buffer in bytes.</param>
/// <param name="SupportsFloat64">Whether the device has <c>cl_khr_fp64</c> (needed for float64 networks).</param>
/// <param name="Version">OpenCL version string of the device.</param>
public sealed record OpenClDevice(int Index, string Platform, string Name, string Vendor, OpenClDeviceType Type,
    int ComputeUnits, long GlobalMemoryBytes, long MaxAllocationBytes, bool SupportsFloat64, string Version)
{
    /// <summary>Whether the device has <c>cl_khr_int64_base_atomics</c> (needed for the fixed-point scatter of float32 spikes).</summary>
    public bool SupportsInt64Atomics { get; init; }

    /// <summary>The platform's vendor, e.g. "The pocl project" or "NVIDIA Corporation".</summary>
    public string PlatformVendor { get; init; } = "";

    /// <summary>The platform handle.</summary>
    internal nint PlatformHandle { get; init; }

    /// <summary>The device handle.</summary>
    internal nint Handle { get; init; }

    /// <summary>"name (platform)", for run summaries and messages.</summary>
    public override string ToString() => $"{Name} ({Platform})";
}
