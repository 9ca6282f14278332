using Silk.NET.OpenCL;

namespace Dendra.Simulator.Backends.OpenCl;

/// <summary>A kernel of a built program, with typed argument setters and one- and two-dimensional launches.</summary>
internal sealed unsafe class DeviceKernel
{
    private readonly nint _kernel;
    private readonly string _name;

    public DeviceKernel(nint program, string name)
    {
        int status = 0;
        _kernel = OpenClDevices.Api.CreateKernel(program, name, &status);
        OpenClException.Check(status, $"create kernel {name}");
        _name = name;
    }

    public DeviceKernel Set<TValue>(int index, TValue value) where TValue : unmanaged
    {
        OpenClException.Check(OpenClDevices.Api.SetKernelArg(_kernel, (uint)index, (nuint)sizeof(TValue), &value), $"set argument {index} of {_name}");
        return this;
    }

    /// <summary>Binds a buffer (or NULL) to a pointer argument.</summary>
    public DeviceKernel Set(int index, DeviceBuffer? buffer)
    {
        nint handle = buffer?.Handle ?? 0;
        OpenClException.Check(OpenClDevices.Api.SetKernelArg(_kernel, (uint)index, (nuint)sizeof(nint), &handle), $"set argument {index} of {_name}");
        return this;
    }

    public void Run(nint queue, long workItems)
    {
        if (workItems <= 0) return;
        nuint global = (nuint)workItems;
        OpenClException.Check(OpenClDevices.Api.EnqueueNdrangeKernel(queue, _kernel, 1, (nuint*)null, &global, (nuint*)null, 0, (nint*)null, (nint*)null),
            $"run kernel {_name}");
    }

    /// <summary>Runs <paramref name="workItems"/> work-items in work-groups of <paramref name="groupSize"/>, for kernels that
    /// share local memory within a group; the last group is filled up with spare work-items, which the kernel must ignore.</summary>
    public void RunInGroups(nint queue, long workItems, int groupSize)
    {
        if (workItems <= 0) return;
        nuint global = (nuint)((workItems + groupSize - 1) / groupSize * groupSize), local = (nuint)groupSize;
        OpenClException.Check(OpenClDevices.Api.EnqueueNdrangeKernel(queue, _kernel, 1, (nuint*)null, &global, &local, 0, (nint*)null, (nint*)null),
            $"run kernel {_name}");
    }

    /// <summary>Runs an <paramref name="x"/> × <paramref name="y"/> grid of work-items in work-groups of
    /// <paramref name="groupX"/> × <paramref name="groupY"/>, for kernels that share local memory within a group; the
    /// global size is padded up to whole groups in both dimensions, and the kernel must ignore the spare work-items.</summary>
    public void RunInGroups2D(nint queue, long x, long y, int groupX, int groupY)
    {
        if (x <= 0 || y <= 0) return;
        var global = stackalloc nuint[] { (nuint)((x + groupX - 1) / groupX * groupX), (nuint)((y + groupY - 1) / groupY * groupY) };
        var local = stackalloc nuint[] { (nuint)groupX, (nuint)groupY };
        OpenClException.Check(OpenClDevices.Api.EnqueueNdrangeKernel(queue, _kernel, 2, (nuint*)null, global, local, 0, (nint*)null, (nint*)null),
            $"run kernel {_name}");
    }

    public void Release() => OpenClDevices.Api.ReleaseKernel(_kernel);
}
