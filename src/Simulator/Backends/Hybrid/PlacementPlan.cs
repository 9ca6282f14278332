using Dendra.Simulator.Backends.OpenCl;
using Dendra.Simulator.Graph;

namespace Dendra.Simulator.Backends.Hybrid;

/// <summary>Which populations of a network run on the OpenCL device and which on the CPU, from each population's
/// <see cref="Population.Placement"/> and the network's <see cref="Network.Backend"/>.</summary>
/// <param name="OnDevice">By population index: true for a population stepped on the device.</param>
/// <param name="Device">The device, or null when everything runs on the CPU.</param>
internal sealed record PlacementPlan(bool[] OnDevice, OpenClDevice? Device)
{
    /// <summary>True when every population runs on the device (and there is at least one, or the network asked for OpenCL).</summary>
    public bool AllOnDevice => Device is not null && OnDevice.All(d => d);

    /// <summary>Resolves the placements; with <see cref="Backend.Auto"/> and no device, writes one note line to
    /// <paramref name="notes"/> and keeps the populations it would have offloaded on the CPU.</summary>
    /// <exception cref="OpenClException">A population is pinned to OpenCL (or the network asks for OpenCL) and there is no
    /// device, or the network names a device that none of the machine's devices matches.</exception>
    public static PlacementPlan Resolve(Graph.Network network, TextWriter notes)
    {
        var populations = network.Populations;
        bool wholeNetwork = network.Backend == Backend.OpenCl && populations.All(p => p.Placement == Placement.Auto);
        var wanted = populations.Select(p => wholeNetwork || Wants(network, p)).ToArray();
        // A batch cannot be split between the CPU and a device: Auto then takes the whole network to the device as soon
        // as one population would go there.
        if (network.BatchSize > 1 && network.Backend == Backend.Auto && populations.All(p => p.Placement == Placement.Auto) && wanted.Any(w => w))
            Array.Fill(wanted, true);
        if (!wholeNetwork && !wanted.Any(w => w)) return new PlacementPlan(wanted, null);
        try
        {
            return new PlacementPlan(wanted, OpenClDevices.Select(network.Device));
        }
        // Only a machine without OpenCL falls back; a device choice that matches none of the devices there are is the
        // user's mistake, and the error lists the devices.
        catch (OpenClException e) when (!populations.Any(p => Required(network, p)) && !AnyDevice())
        {
            notes.WriteLine($"note: backend auto runs on the CPU: {FirstSentence(e.Message)[..^1]}; for OpenCL on any CPU install pocl-opencl-icd");
            return new PlacementPlan(new bool[populations.Count], null);
        }
    }

    private static bool Wants(Graph.Network network, Population p) => p.Placement switch
    {
        Placement.Cpu => false,
        Placement.OpenCl => true,
        _ => network.Backend switch
        {
            Backend.OpenCl => true,
            Backend.Auto => p.Size >= Network.AutoOpenClSize,
            _ => false,
        },
    };

    /// <summary>Placed on OpenCL by the user, not by <see cref="Backend.Auto"/>: without a device that is an error, not a note.</summary>
    private static bool Required(Graph.Network network, Population p) =>
        p.Placement == Placement.OpenCl || (p.Placement == Placement.Auto && network.Backend == Backend.OpenCl);

    private static bool AnyDevice()
    {
        try
        {
            return OpenClDevices.List().Count > 0;
        }
        catch (OpenClException)
        {
            return false;
        }
    }

    private static string FirstSentence(string message)
    {
        int end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }
}
