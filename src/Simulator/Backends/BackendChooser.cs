using Dendra.Simulator.Backends.Cpu;
using Dendra.Simulator.Backends.OpenCl;
using Dendra.Simulator.Graph;

namespace Dendra.Simulator.Backends;

/// <summary>Creates the simulation a network's <see cref="Network.Backend"/> asks for.</summary>
internal static class BackendChooser
{
    /// <summary>Where <see cref="Backend.Auto"/> reports that it fell back to the CPU (standard error unless redirected).</summary>
    public static TextWriter Notes { get; set; } = Console.Error;

    public static ISimulationBackend Create(Network network)
    {
        switch (network.Backend)
        {
            case Backend.OpenCl:
                return OpenCl(network, OpenClDevices.Select(network.Device));
            case Backend.Auto when network.Populations.Any(p => p.Size >= Network.AutoOpenClSize):
                OpenClDevice device;
                try
                {
                    device = OpenClDevices.Select(network.Device);
                }
                catch (OpenClException e)
                {
                    Notes.WriteLine($"note: backend auto runs on the CPU: {FirstSentence(e.Message)[..^1]}; for OpenCL on any CPU install pocl-opencl-icd");
                    return Cpu(network);
                }
                return OpenCl(network, device);
            default:
                return Cpu(network);
        }
    }

    private static string FirstSentence(string message)
    {
        int end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }

    private static ISimulationBackend Cpu(Network network) => network.Precision == Precision.Single
        ? new CpuSimulation<float>(network)
        : new CpuSimulation<double>(network);

    private static ISimulationBackend OpenCl(Network network, OpenClDevice device) => network.Precision == Precision.Single
        ? new OpenClSimulation<float>(network, device)
        : new OpenClSimulation<double>(network, device);
}
