using Silk.NET.OpenCL;

namespace Dendra.Simulator.Backends.OpenCl;

/// <summary>A buffer in device memory, created by <see cref="DeviceMemory"/> once the whole network is known to fit.</summary>
/// <param name="name">What it holds, for errors.</param>
/// <param name="bytes">Its size in bytes.</param>
/// <param name="host">The host array it mirrors (uploaded when allocated), or null for device-only data.</param>
internal sealed class DeviceBuffer(string name, long bytes, Array? host)
{
    public string Name { get; } = name;
    public long Bytes { get; } = Math.Max(bytes, 1);
    public Array? Host { get; } = host;
    public nint Handle { get; private set; }

    public unsafe void Allocate(nint context)
    {
        int status = 0;
        Handle = OpenClDevices.Api.CreateBuffer(context, MemFlags.ReadWrite, (nuint)Bytes, null, &status);
        OpenClException.Check(status, $"allocate {Bytes} bytes for {Name}");
    }

    public unsafe void Write(nint queue, Array data, long offsetBytes = 0)
    {
        long size = (long)data.Length * System.Runtime.InteropServices.Marshal.SizeOf(data.GetType().GetElementType()!);
        if (size == 0) return;
        var handle = System.Runtime.InteropServices.GCHandle.Alloc(data, System.Runtime.InteropServices.GCHandleType.Pinned);
        try
        {
            OpenClException.Check(OpenClDevices.Api.EnqueueWriteBuffer(queue, Handle, true, (nuint)offsetBytes, (nuint)size,
                (void*)handle.AddrOfPinnedObject(), 0, (nint*)null, (nint*)null), $"copy {Name} to the device");
        }
        finally { handle.Free(); }
    }

    /// <summary>Reads <paramref name="count"/> elements (all of <paramref name="data"/> by default) from element
    /// <paramref name="from"/> on (the first by default) back to the host.</summary>
    public unsafe void Read(nint queue, Array data, int count = -1, long from = 0)
    {
        int elementSize = System.Runtime.InteropServices.Marshal.SizeOf(data.GetType().GetElementType()!);
        long size = (long)(count < 0 ? data.Length : count) * elementSize;
        if (size == 0) return;
        var handle = System.Runtime.InteropServices.GCHandle.Alloc(data, System.Runtime.InteropServices.GCHandleType.Pinned);
        try
        {
            OpenClException.Check(OpenClDevices.Api.EnqueueReadBuffer(queue, Handle, true, (nuint)(from * elementSize), (nuint)size,
                (void*)handle.AddrOfPinnedObject(), 0, (nint*)null, (nint*)null), $"copy {Name} from the device");
        }
        finally { handle.Free(); }
    }

    /// <summary>Copies <paramref name="data"/> to the start of the buffer.</summary>
    public unsafe void WriteSpan<TValue>(nint queue, ReadOnlySpan<TValue> data) where TValue : unmanaged
    {
        if (data.IsEmpty) return;
        fixed (TValue* p = data)
            OpenClException.Check(OpenClDevices.Api.EnqueueWriteBuffer(queue, Handle, true, 0, (nuint)(data.Length * sizeof(TValue)), p,
                0, (nint*)null, (nint*)null), $"copy {Name} to the device");
    }

    /// <summary>Fills <paramref name="data"/> from the start of the buffer.</summary>
    public unsafe void ReadSpan<TValue>(nint queue, Span<TValue> data) where TValue : unmanaged
    {
        if (data.IsEmpty) return;
        fixed (TValue* p = data)
            OpenClException.Check(OpenClDevices.Api.EnqueueReadBuffer(queue, Handle, true, 0, (nuint)(data.Length * sizeof(TValue)), p,
                0, (nint*)null, (nint*)null), $"copy {Name} from the device");
    }

    public unsafe void Fill<TValue>(nint queue, TValue value) where TValue : unmanaged
    {
        OpenClException.Check(OpenClDevices.Api.EnqueueFillBuffer(queue, Handle, &value, (nuint)sizeof(TValue), 0, (nuint)Bytes,
            0, (nint*)null, (nint*)null), $"clear {Name}");
    }

    public void Release()
    {
        if (Handle != 0) OpenClDevices.Api.ReleaseMemObject(Handle);
        Handle = 0;
    }
}
