using Silk.NET.OpenCL;

namespace Dendra.Simulator.Backends.OpenCl;

/// <summary>One context and in-order command queue per device, shared by every simulation in the process: creating a
/// context is costly, and an in-order queue is what keeps the phases of a step in sequence.</summary>
internal static class OpenClContexts
{
    private static readonly Dictionary<nint, (nint Context, nint Queue)> Cache = [];
    private static readonly Lock Gate = new();

    public static unsafe (nint Context, nint Queue) For(OpenClDevice device)
    {
        lock (Gate)
        {
            if (Cache.TryGetValue(device.Handle, out var found)) return found;
            var cl = OpenClDevices.Api;
            int status = 0;
            nint handle = device.Handle;
            nint context = cl.CreateContext(null, 1, &handle, null, null, &status);
            OpenClException.Check(status, $"create a context on {device}");
            nint queue = cl.CreateCommandQueue(context, handle, CommandQueueProperties.None, &status);
            OpenClException.Check(status, $"create a command queue on {device}");
            return Cache[device.Handle] = (context, queue);
        }
    }
}
