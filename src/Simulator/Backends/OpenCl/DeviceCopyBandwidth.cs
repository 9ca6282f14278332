using System.Diagnostics;

namespace Dendra.Simulator.Backends.OpenCl;

/// <summary>
/// The device's memory bandwidth as a STREAM-style copy measures it: <c>clEnqueueCopyBuffer</c> from one large buffer
/// to another, each copy timed from enqueue to <c>clFinish</c>, the best of several kept. A copy reads and writes every
/// byte, so it moves twice the buffer's size; that is the figure a memory-bound kernel can approach.
/// </summary>
public static class DeviceCopyBandwidth
{
    /// <summary>Times <paramref name="repeats"/> copies of a <paramref name="bufferBytes"/> buffer on <paramref name="device"/>
    /// (after one untimed copy that lets the driver settle), checks the last copy arrived, and returns the fastest.</summary>
    /// <param name="device">The device, as <see cref="OpenClDevices.Select"/> finds it.</param>
    /// <param name="bufferBytes">Size of each of the two buffers; a multiple of 4, and large next to the device's caches.</param>
    /// <param name="repeats">Timed copies.</param>
    public static CopyMeasurement Measure(OpenClDevice device, long bufferBytes, int repeats)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentOutOfRangeException.ThrowIfLessThan(repeats, 1);
        if (bufferBytes <= 0 || bufferBytes % sizeof(int) != 0)
            throw new ArgumentOutOfRangeException(nameof(bufferBytes), bufferBytes, "the copied buffer must hold a positive whole number of 4-byte words");
        if (bufferBytes > device.MaxAllocationBytes)
            throw new OpenClException($"{device} allocates at most {device.MaxAllocationBytes} bytes in one buffer; measure its bandwidth with a smaller buffer than {bufferBytes} bytes");

        var (context, queue) = OpenClContexts.For(device);
        var source = new DeviceBuffer("copy-bandwidth source", bufferBytes, null);
        var destination = new DeviceBuffer("copy-bandwidth destination", bufferBytes, null);
        try
        {
            source.Allocate(context);
            destination.Allocate(context);
            var pattern = new int[bufferBytes / sizeof(int)];
            for (int k = 0; k < pattern.Length; k++) pattern[k] = k * 7 + 1;
            source.Write(queue, pattern);
            destination.Fill(queue, 0);
            Copy(queue, source, destination, bufferBytes);

            double best = double.PositiveInfinity;
            for (int r = 0; r < repeats; r++)
            {
                // Cleared first, so the check below sees what the last timed copy wrote.
                destination.Fill(queue, 0);
                OpenClException.Check(OpenClDevices.Api.Finish(queue), "clear the bandwidth test buffer");
                var clock = Stopwatch.StartNew();
                Copy(queue, source, destination, bufferBytes);
                best = Math.Min(best, clock.Elapsed.TotalSeconds);
            }

            var copied = new int[pattern.Length];
            destination.Read(queue, copied);
            if (!copied.AsSpan().SequenceEqual(pattern))
                throw new OpenClException($"{device} did not copy the bandwidth test buffer correctly; its bandwidth cannot be measured");
            return new CopyMeasurement(device.ToString(), 2 * bufferBytes, best);
        }
        finally
        {
            source.Release();
            destination.Release();
        }
    }

    private static unsafe void Copy(nint queue, DeviceBuffer from, DeviceBuffer to, long bytes)
    {
        OpenClException.Check(OpenClDevices.Api.EnqueueCopyBuffer(queue, from.Handle, to.Handle, 0, 0, (nuint)bytes, 0, (nint*)null, (nint*)null),
            "copy one device buffer to another");
        OpenClException.Check(OpenClDevices.Api.Finish(queue), "finish a buffer copy");
    }
}
