namespace Dendra.Simulator.Backends.OpenCl;

/// <summary>
/// Every buffer a simulation needs, planned first and allocated together, so that a network too large for the device
/// fails before the run with the bytes it needs and the bytes the device has, not halfway through an upload.
/// </summary>
internal sealed class DeviceMemory
{
    private readonly Dictionary<Array, DeviceBuffer> _mirrors = new(ReferenceEqualityComparer.Instance);
    private readonly List<DeviceBuffer> _buffers = [];

    public IReadOnlyList<DeviceBuffer> Buffers => _buffers;

    /// <summary>The device copy of a host array (planned on first request).</summary>
    public DeviceBuffer Mirror(Array host, string name)
    {
        if (!_mirrors.TryGetValue(host, out var buffer))
        {
            long bytes = (long)host.Length * System.Runtime.InteropServices.Marshal.SizeOf(host.GetType().GetElementType()!);
            _mirrors[host] = buffer = new DeviceBuffer(name, bytes, host);
            _buffers.Add(buffer);
        }
        return buffer;
    }

    /// <summary>The device copy of a host array, if it has one.</summary>
    public DeviceBuffer? MirrorOf(Array host) => _mirrors.GetValueOrDefault(host);

    /// <summary>A device-only buffer.</summary>
    public DeviceBuffer Scratch(string name, long bytes)
    {
        var buffer = new DeviceBuffer(name, bytes, null);
        _buffers.Add(buffer);
        return buffer;
    }

    /// <summary>A device-only buffer asked for after the others were allocated (a recording started later): checked
    /// against the device on its own, allocated and cleared at once.</summary>
    public DeviceBuffer ScratchNow(string name, long bytes, OpenClDevice device, nint context, nint queue)
    {
        var buffer = new DeviceBuffer(name, bytes, null);
        CheckFits(device, [.. _buffers, buffer]);
        buffer.Allocate(context);
        _buffers.Add(buffer);
        buffer.Fill(queue, (byte)0);
        return buffer;
    }

    public long TotalBytes => _buffers.Sum(b => b.Bytes);

    /// <summary>Refuses a plan the device cannot hold: in total, or in one buffer larger than its largest allocation.</summary>
    public static void CheckFits(OpenClDevice device, IReadOnlyList<DeviceBuffer> buffers)
    {
        long total = buffers.Sum(b => b.Bytes);
        if (total > device.GlobalMemoryBytes)
            throw new OpenClException($"the network needs {total:N0} bytes of device memory but {device} has {device.GlobalMemoryBytes:N0} " +
                $"(largest buffer: {buffers.MaxBy(b => b.Bytes)!.Name}); make the populations smaller, use float32, or run on the CPU backend");
        var large = buffers.FirstOrDefault(b => b.Bytes > device.MaxAllocationBytes);
        if (large is not null)
            throw new OpenClException($"{large.Name} needs {large.Bytes:N0} bytes in one buffer but {device} allocates at most " +
                $"{device.MaxAllocationBytes:N0} bytes at once; make the population smaller or use float32");
    }

    public void AllocateAll(OpenClDevice device, nint context, nint queue)
    {
        CheckFits(device, _buffers);
        foreach (var buffer in _buffers)
        {
            buffer.Allocate(context);
            // Device memory starts with whatever was there before: ring slots, logs and counts must start at zero.
            if (buffer.Host is { } host) buffer.Write(queue, host);
            else buffer.Fill(queue, (byte)0);
        }
    }

    public void ReleaseAll()
    {
        foreach (var buffer in _buffers) buffer.Release();
    }
}
