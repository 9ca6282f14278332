using System.Globalization;
using System.Text;
using Silk.NET.OpenCL;

namespace Dendra.Simulator.Backends.OpenCl;

/// <summary>Finds the OpenCL platforms and devices of this machine and picks one by index, name or type.</summary>
public static class OpenClDevices
{
    private static readonly Lazy<CL> LazyApi = new(LoadApi);

    /// <summary>The OpenCL entry points (the ICD loader, libOpenCL).</summary>
    internal static CL Api => LazyApi.Value;

    private static CL LoadApi()
    {
        try
        {
            return CL.GetApi();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new OpenClException(
                "the OpenCL ICD loader (libOpenCL.so.1) could not be loaded. Install it with its driver: on Debian/Ubuntu " +
                "'apt-get install ocl-icd-libopencl1 pocl-opencl-icd' (PoCL runs on any CPU); for a GPU also install its vendor's OpenCL driver.", e);
        }
    }

    private static readonly Lock Gate = new();
    private static IReadOnlyList<OpenClDevice>? s_devices;

    /// <summary>Every device of every platform, in platform order. Throws <see cref="OpenClException"/> when there is no platform.</summary>
    /// <remarks>Enumerated once per process, under a lock: a driver's first initialization is not safe to run from
    /// several threads at once (PoCL then now and then reports a platform without devices), and devices do not come and
    /// go while a process runs. A failed enumeration is not remembered, so a later call tries again.</remarks>
    public static IReadOnlyList<OpenClDevice> List()
    {
        lock (Gate) return s_devices ??= Enumerate();
    }

    private static unsafe IReadOnlyList<OpenClDevice> Enumerate()
    {
        var cl = Api;
        uint platformCount = 0;
        int status = cl.GetPlatformIDs(0, null, &platformCount);
        if (status == -1001 || (status == 0 && platformCount == 0))
            throw OpenClException.NoPlatform("the ICD loader found no driver");
        OpenClException.Check(status, "list the OpenCL platforms");
        var platforms = new nint[platformCount];
        fixed (nint* p = platforms) OpenClException.Check(cl.GetPlatformIDs(platformCount, p, (uint*)null), "list the OpenCL platforms");

        var devices = new List<OpenClDevice>();
        foreach (var platform in platforms)
        {
            string platformName = PlatformString(platform, PlatformInfo.Name);
            string platformVendor = PlatformString(platform, PlatformInfo.Vendor).Trim();
            uint deviceCount = 0;
            status = cl.GetDeviceIDs(platform, DeviceType.All, 0, null, &deviceCount);
            if (status == -1 || deviceCount == 0) continue; // CL_DEVICE_NOT_FOUND: a platform without devices
            OpenClException.Check(status, $"list the devices of platform '{platformName}'");
            var handles = new nint[deviceCount];
            fixed (nint* d = handles) OpenClException.Check(cl.GetDeviceIDs(platform, DeviceType.All, deviceCount, d, (uint*)null), "list devices");
            foreach (var device in handles)
            {
                ulong type = DeviceValue<ulong>(device, DeviceInfo.Type);
                string extensions = DeviceString(device, DeviceInfo.Extensions);
                devices.Add(new OpenClDevice(devices.Count, platformName, DeviceString(device, DeviceInfo.Name).Trim(),
                    DeviceString(device, DeviceInfo.Vendor).Trim(), TypeOf(type), (int)DeviceValue<uint>(device, DeviceInfo.MaxComputeUnits),
                    (long)DeviceValue<ulong>(device, DeviceInfo.GlobalMemSize), (long)DeviceValue<ulong>(device, DeviceInfo.MaxMemAllocSize),
                    extensions.Split(' ').Contains("cl_khr_fp64"), DeviceString(device, DeviceInfo.Version).Trim())
                {
                    SupportsInt64Atomics = extensions.Split(' ').Contains("cl_khr_int64_base_atomics"),
                    PlatformVendor = platformVendor,
                    PlatformHandle = platform,
                    Handle = device,
                });
            }
        }
        if (devices.Count == 0) throw OpenClException.NoPlatform($"{platforms.Length} platform(s) but no device");
        return devices;
    }

    /// <summary>
    /// Picks a device: <paramref name="selector"/> is an index into <see cref="List"/>, a type (<c>gpu</c>, <c>cpu</c>,
    /// <c>accelerator</c>: the first of that type) or a part of the device name, platform name or platform vendor (so
    /// "pocl" or "nvidia" work); null picks the first GPU,
    /// else the first device.
    /// </summary>
    public static OpenClDevice Select(string? selector)
    {
        var devices = List();
        if (string.IsNullOrWhiteSpace(selector)) return devices.FirstOrDefault(d => d.Type == OpenClDeviceType.Gpu) ?? devices[0];
        selector = selector.Trim();
        string known = string.Join("; ", devices.Select(d => $"{d.Index}: {d}"));
        if (int.TryParse(selector, NumberStyles.None, CultureInfo.InvariantCulture, out int index))
            return index < devices.Count ? devices[index]
                : throw new OpenClException($"there is no OpenCL device {index}; the devices are {known}");
        if (Enum.TryParse<OpenClDeviceType>(selector, ignoreCase: true, out var type) && type != OpenClDeviceType.Other)
            return devices.FirstOrDefault(d => d.Type == type)
                ?? throw new OpenClException($"there is no OpenCL device of type {selector}; the devices are {known}");
        return devices.FirstOrDefault(d => d.Name.Contains(selector, StringComparison.OrdinalIgnoreCase))
            ?? devices.FirstOrDefault(d => d.Platform.Contains(selector, StringComparison.OrdinalIgnoreCase))
            ?? devices.FirstOrDefault(d => d.PlatformVendor.Contains(selector, StringComparison.OrdinalIgnoreCase))
            ?? throw new OpenClException($"no OpenCL device matches '{selector}' (give an index, a type gpu/cpu/accelerator or part of a device, platform or platform vendor name); the devices are {known}");
    }

    private static OpenClDeviceType TypeOf(ulong type) =>
        (type & 4) != 0 ? OpenClDeviceType.Gpu : (type & 2) != 0 ? OpenClDeviceType.Cpu : (type & 8) != 0 ? OpenClDeviceType.Accelerator : OpenClDeviceType.Other;

    private static unsafe string PlatformString(nint platform, PlatformInfo info)
    {
        nuint size = 0;
        OpenClException.Check(Api.GetPlatformInfo(platform, info, 0, null, &size), "read platform information");
        var bytes = new byte[(int)size];
        fixed (byte* b = bytes) OpenClException.Check(Api.GetPlatformInfo(platform, info, size, b, (nuint*)null), "read platform information");
        return Encoding.UTF8.GetString(bytes).TrimEnd('\0');
    }

    internal static unsafe string DeviceString(nint device, DeviceInfo info)
    {
        nuint size = 0;
        OpenClException.Check(Api.GetDeviceInfo(device, info, 0, null, &size), "read device information");
        var bytes = new byte[(int)size];
        fixed (byte* b = bytes) OpenClException.Check(Api.GetDeviceInfo(device, info, size, b, (nuint*)null), "read device information");
        return Encoding.UTF8.GetString(bytes).TrimEnd('\0');
    }

    private static unsafe TValue DeviceValue<TValue>(nint device, DeviceInfo info) where TValue : unmanaged
    {
        TValue value = default;
        OpenClException.Check(Api.GetDeviceInfo(device, info, (nuint)sizeof(TValue), &value, (nuint*)null), "read device information");
        return value;
    }
}
